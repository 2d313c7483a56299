/**
 * A Bloom filter: the compact form the dictionaries are compiled into at build time (src/tools/
 * build-lexicon.ts), so that `sofo ask` can tell a real word from a typo without parsing a hunspell
 * dictionary on every start (nspell needs 9 s and 260 MB for Swedish; this loads in milliseconds).
 * A false positive (a non-word taken for a word) happens at the rate the file was built for (0.1 %).
 */
const MAGIC = 0x534f4c31; // "SOL1"
const HEADER_BYTES = 16;

export class BloomFilter {
  private constructor(
    private readonly bits: Uint8Array,
    private readonly hashes: number,
  ) {}

  /** An empty filter sized for `capacity` keys at `falsePositiveRate`. */
  static sized(capacity: number, falsePositiveRate: number): BloomFilter {
    const m = Math.ceil((-Math.max(capacity, 1) * Math.log(falsePositiveRate)) / Math.LN2 ** 2);
    const k = Math.max(1, Math.round((m / Math.max(capacity, 1)) * Math.LN2));
    return new BloomFilter(new Uint8Array(Math.ceil(m / 8)), k);
  }

  /** Reads a filter written by `serialize`; undefined when the bytes are not one. */
  static deserialize(bytes: Uint8Array): BloomFilter | undefined {
    if (bytes.length < HEADER_BYTES) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0) !== MAGIC) return undefined;
    const hashes = view.getUint32(4);
    const length = view.getUint32(8);
    if (hashes < 1 || hashes > 32 || bytes.length !== HEADER_BYTES + length) return undefined;
    return new BloomFilter(bytes.subarray(HEADER_BYTES), hashes);
  }

  serialize(): Uint8Array {
    const out = new Uint8Array(HEADER_BYTES + this.bits.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC);
    view.setUint32(4, this.hashes);
    view.setUint32(8, this.bits.length);
    out.set(this.bits, HEADER_BYTES);
    return out;
  }

  add(key: string): void {
    const m = this.bits.length * 8;
    const [h1, h2] = hashPair(key);
    for (let i = 0; i < this.hashes; i++) {
      const bit = (h1 + i * h2) % m;
      this.bits[bit >>> 3] = (this.bits[bit >>> 3] ?? 0) | (1 << (bit & 7));
    }
  }

  has(key: string): boolean {
    const m = this.bits.length * 8;
    if (m === 0) return false;
    const [h1, h2] = hashPair(key);
    for (let i = 0; i < this.hashes; i++) {
      const bit = (h1 + i * h2) % m;
      if (((this.bits[bit >>> 3] ?? 0) & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit FNV-1a hashes (different offsets), for Kirsch–Mitzenmacher double hashing. */
function hashPair(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // Odd h2, so successive probes visit distinct bits.
  return [a >>> 0, (b | 1) >>> 0];
}
