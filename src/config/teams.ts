import { ConfigError } from './errors';

/** botbuilder's three ways for a bot to prove who it is (Azure Bot resource → "Type of App"). */
export const TEAMS_APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type TeamsAppType = (typeof TEAMS_APP_TYPES)[number];

/**
 * Microsoft Teams through the Bot Framework, with botbuilder's own variable names. An empty `appId`
 * means no authentication either way: only for the Bot Framework Emulator and tests.
 */
export interface TeamsConfig {
  /** MicrosoftAppId: the Azure Bot's app (client) id, a GUID; '' when not set. */
  appId: string;
  /** MicrosoftAppPassword: the client secret; '' for UserAssignedMSI and without an app id. */
  appPassword: string;
  /**
   * MicrosoftAppType; SingleTenant when not set: Azure creates no new multi-tenant bots since 31 July
   * 2025, so a new registration is single-tenant (or a managed identity). MultiTenant stays possible
   * for registrations made before.
   */
  appType: TeamsAppType;
  /** MicrosoftAppTenantId: required for SingleTenant (so by default) and UserAssignedMSI. */
  tenantId: string;
  /** SOFO_TEAMS_TENANTS: the tenants Sofo answers (lower case); empty: every tenant. */
  tenants: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads and checks the Teams variables; an inconsistent set is refused naming the variable. */
export function readTeams(env: NodeJS.ProcessEnv): TeamsConfig {
  const appId = env.MicrosoftAppId?.trim() ?? '';
  const appPassword = env.MicrosoftAppPassword?.trim() ?? '';
  const tenantId = env.MicrosoftAppTenantId?.trim() ?? '';
  const appType = readAppType(env.MicrosoftAppType);

  if (!appId) {
    if (appPassword || env.MicrosoftAppType?.trim() || tenantId) {
      throw new ConfigError(
        'MicrosoftAppId',
        'is missing: the other Microsoft* variables are set, but without the app id Sofo would run unauthenticated',
      );
    }
    return { appId, appPassword, appType, tenantId, tenants: readTenants(env) };
  }
  if (!GUID.test(appId)) {
    throw new ConfigError('MicrosoftAppId', `must be the Azure app (client) id, a GUID, got "${appId}"`);
  }
  if (tenantId && !GUID.test(tenantId)) {
    throw new ConfigError(
      'MicrosoftAppTenantId',
      `must be the directory (tenant) id, a GUID, got "${tenantId}"`,
    );
  }
  if (appType === 'UserAssignedMSI') {
    if (appPassword) {
      throw new ConfigError(
        'MicrosoftAppPassword',
        'must not be set for UserAssignedMSI (the managed identity has no secret)',
      );
    }
  } else if (!appPassword) {
    throw new ConfigError('MicrosoftAppPassword', `is missing: a ${appType} bot needs its client secret`);
  }
  if (appType !== 'MultiTenant' && !tenantId) {
    const defaulted = env.MicrosoftAppType?.trim() ? '' : ' (MicrosoftAppType is SingleTenant when not set)';
    throw new ConfigError(
      'MicrosoftAppTenantId',
      `is missing: a ${appType} bot${defaulted} needs its directory (tenant) id, the "App Tenant ID" of the Azure Bot; for a registration made as Multi Tenant before August 2025, set MicrosoftAppType=MultiTenant`,
    );
  }
  return { appId, appPassword, appType, tenantId, tenants: readTenants(env) };
}

/** SOFO_TEAMS_TENANTS: comma-separated tenant ids (GUIDs). */
function readTenants(env: NodeJS.ProcessEnv): string[] {
  const tenants = (env.SOFO_TEAMS_TENANTS ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  for (const tenant of tenants) {
    if (!GUID.test(tenant)) {
      throw new ConfigError(
        'SOFO_TEAMS_TENANTS',
        `"${tenant}" is not a tenant id (a GUID); separate ids with commas`,
      );
    }
  }
  return tenants;
}

function readAppType(value: string | undefined): TeamsAppType {
  const wanted = value?.trim() ?? '';
  if (wanted === '') return 'SingleTenant';
  // botbuilder compares case-insensitively; so do we, and hand it the canonical spelling.
  const found = TEAMS_APP_TYPES.find((t) => t.toLowerCase() === wanted.toLowerCase());
  if (!found) {
    throw new ConfigError('MicrosoftAppType', `must be one of ${TEAMS_APP_TYPES.join(', ')}, got "${value}"`);
  }
  return found;
}
