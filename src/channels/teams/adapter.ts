import {
  type Activity,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { TeamsConfig } from '../../config/config';

/** botbuilder's result of a successful authentication (its type lives in botframework-connector). */
export type Authenticated = Exclude<Parameters<CloudAdapter['processActivityDirect']>[0], string>;

export interface AdapterOptions {
  /** Where Microsoft's signing keys are fetched (tests and benches: a local double). */
  openIdMetadataUrl?: string;
}

/**
 * CloudAdapter with its two steps apart: `authenticate` (botbuilder's own token checks) and `run` (the
 * turn, already authenticated). CloudAdapter.process does both and answers any failure itself, with a
 * 500 and botbuilder's message for some forged tokens; auth.ts answers them instead.
 */
export class SofoAdapter extends CloudAdapter {
  authenticate(activity: Activity, authHeader: string): Promise<Authenticated> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  run(
    authenticated: Authenticated,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}

/**
 * botbuilder's CloudAdapter with Sofo's settings. With an app id it checks every incoming token (a
 * missing or bad one is a 401 before any handler runs) and signs every reply; without one it does
 * neither, which only the Bot Framework Emulator accepts.
 */
export function createAdapter(
  config: TeamsConfig,
  log: (line: string) => void,
  options: AdapterOptions = {},
): SofoAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    // Without an app id nothing is authenticated, which botbuilder allows only as MultiTenant (it
    // refuses a SingleTenant set-up without an app id outright).
    MicrosoftAppType: config.appId ? config.appType : 'MultiTenant',
    MicrosoftAppTenantId: config.tenantId,
    ...(options.openIdMetadataUrl ? publicCloudWithKeysAt(options.openIdMetadataUrl) : {}),
  });
  const adapter = new SofoAdapter(auth);
  adapter.onTurnError = (context, error) => onTurnError(context, error, log);
  return adapter;
}

/**
 * botbuilder reads an override of any one endpoint as a complete configuration, so the public cloud's
 * other values (botframework-connector's AuthenticationConstants) come with the key endpoint's.
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

const SORRY =
  'Något gick fel hos Sofo, försök igen om en stund. / Something went wrong, please try again shortly.';

/**
 * A handler failed: one log line (never a stack trace in a response), an error status for an invoke,
 * and an apology for a message, if Teams can still be reached.
 */
async function onTurnError(context: TurnContext, error: Error, log: (line: string) => void): Promise<void> {
  const { type, name, conversation } = context.activity;
  log(
    `teams: ${type}${name ? ` ${name}` : ''} in ${conversation?.id ?? '?'} failed: ${error?.message ?? error}`,
  );
  try {
    if (type === 'invoke') {
      await context.sendActivity({
        type: 'invokeResponse',
        value: { status: 500, body: { error: 'internal_error' } },
      });
    } else if (type === 'message') {
      await context.sendActivity(SORRY);
    }
  } catch {
    // Teams cannot be reached either; the log line above is all there is to do.
  }
}
