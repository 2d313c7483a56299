/** The tenant an activity comes from: Teams puts it in channelData.tenant.id and conversation.tenantId. */
export function tenantOf(activity: unknown): string | undefined {
  const a = activity as {
    channelData?: { tenant?: { id?: unknown } };
    conversation?: { tenantId?: unknown };
  };
  const id = a?.channelData?.tenant?.id ?? a?.conversation?.tenantId;
  return typeof id === 'string' ? id.toLowerCase() : undefined;
}

/**
 * SOFO_TEAMS_TENANTS: with a list, an activity from any other tenant (or none) is not answered and
 * stores nothing, as Microsoft's FAQ Plus does. It gets 200 with no body: Teams must not retry it.
 */
export function isAllowedTenant(activity: unknown, tenants: readonly string[]): boolean {
  if (tenants.length === 0) return true;
  const tenant = tenantOf(activity);
  return tenant !== undefined && tenants.includes(tenant);
}
