// The platform doubles live with the tools (the benchmarks use them too).
export { HttpDouble, type Recorded, type Responder } from '../../src/tools/doubles/http-double';
