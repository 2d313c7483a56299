import { ConfigError, readConfig } from '../src/config/config';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';

describe('readConfig: Teams', () => {
  it('is always there, unauthenticated when MicrosoftAppId is not set', () => {
    expect(readConfig({}).teams).toEqual({
      appId: '',
      appPassword: '',
      appType: 'SingleTenant',
      tenantId: '',
      tenants: [],
    });
    expect(readConfig({ MicrosoftAppId: '  ' }).teams.appId).toBe('');
  });

  it('takes a single-tenant bot (what Azure creates today) from the app id, password and tenant', () => {
    const env = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT };
    expect(readConfig(env).teams).toEqual({
      appId: APP_ID,
      appPassword: 'secret',
      appType: 'SingleTenant',
      tenantId: TENANT,
      tenants: [],
    });
  });

  it('requires the tenant by default, and says how to keep an older multi-tenant registration', () => {
    const read = () => readConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret' });
    expect(read).toThrow(
      /^MicrosoftAppTenantId: is missing: a SingleTenant bot \(MicrosoftAppType is SingleTenant when not set\)/,
    );
    expect(read).toThrow(/MicrosoftAppType=MultiTenant/);
  });

  it('still takes a multi-tenant bot when asked for one, without a tenant', () => {
    const env = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' };
    expect(readConfig(env).teams).toEqual({
      appId: APP_ID,
      appPassword: 'secret',
      appType: 'MultiTenant',
      tenantId: '',
      tenants: [],
    });
  });

  it('takes the app type in any case and hands on the canonical spelling', () => {
    const env = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppTenantId: TENANT };
    expect(readConfig({ ...env, MicrosoftAppType: 'singletenant' }).teams.appType).toBe('SingleTenant');
    expect(
      readConfig({
        MicrosoftAppId: APP_ID,
        MicrosoftAppTenantId: TENANT,
        MicrosoftAppType: 'UserAssignedMSI',
      }).teams,
    ).toMatchObject({ appType: 'UserAssignedMSI', appPassword: '' });
  });

  it.each([
    [
      'SingleTenant without a tenant',
      { MicrosoftAppType: 'SingleTenant', MicrosoftAppPassword: 's' },
      'MicrosoftAppTenantId',
    ],
    ['UserAssignedMSI without a tenant', { MicrosoftAppType: 'UserAssignedMSI' }, 'MicrosoftAppTenantId'],
    [
      'UserAssignedMSI with a password',
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, MicrosoftAppPassword: 's' },
      'MicrosoftAppPassword',
    ],
    ['MultiTenant without a password', { MicrosoftAppType: 'MultiTenant' }, 'MicrosoftAppPassword'],
    [
      'the default (SingleTenant) without a password',
      { MicrosoftAppTenantId: TENANT },
      'MicrosoftAppPassword',
    ],
    [
      'an unknown app type',
      { MicrosoftAppType: 'Tenantless', MicrosoftAppPassword: 's' },
      'MicrosoftAppType',
    ],
    [
      'a tenant id that is not a GUID',
      { MicrosoftAppPassword: 's', MicrosoftAppTenantId: 'contoso' },
      'MicrosoftAppTenantId',
    ],
  ])('refuses %s, naming %s', (_name, extra, variable) => {
    const read = () => readConfig({ MicrosoftAppId: APP_ID, ...extra });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(new RegExp(`^${variable}: `));
  });

  it('refuses an app id that is not a GUID, and the other variables without an app id', () => {
    expect(() => readConfig({ MicrosoftAppId: 'sofo-bot', MicrosoftAppPassword: 's' })).toThrow(
      /^MicrosoftAppId: must be the Azure app \(client\) id, a GUID/,
    );
    expect(() => readConfig({ MicrosoftAppPassword: 's' })).toThrow(/^MicrosoftAppId: is missing/);
    expect(() => readConfig({ MicrosoftAppType: 'SingleTenant' })).toThrow(/^MicrosoftAppId: is missing/);
  });
});
