// Family B (audit logs, billing, roles, service accounts, API keys, folders):
// type-checked with usage.ts once the SDK has them (types.test.mjs adds it).
import {
  CloudClient,
  type AuditLogEntry, type Invoice, type ServiceAccount, type CreateApiKeyResponse, type ApiKey,
  type FolderResource, type GetAllRolesForUserResponse, type OrganizationUserRole, type ResourceType,
} from 'crdb-cloud';

export async function usageB(c: CloudClient): Promise<void> {
  const page = await c.listAuditLogs({ starting_from: '2024-01-01T00:00:00Z', sort_order: 'ASC', limit: 10 });
  const next: string | undefined = page.next_starting_from;
  for await (const e of c.listAuditLogsAll({ limit: 10 })) { const entry: AuditLogEntry = e; }

  const invoices = await c.listInvoices({ status: 'FINALIZED' });
  const inv: Invoice = await c.getInvoice(invoices.invoices[0].invoice_id);

  const role: OrganizationUserRole = 'CLUSTER_ADMIN';
  const rtype: ResourceType = 'CLUSTER';
  const sa: ServiceAccount = await c.createServiceAccount({ name: 'sa', description: 'd', roles: [{ name: role, resource: { type: 'ORGANIZATION' } }] });
  await c.updateServiceAccount(sa.id, { name: 'sa2' });
  await c.getServiceAccount(sa.id);
  for await (const a of c.listServiceAccountsAll()) { const id: string = a.id; }
  const made: CreateApiKeyResponse = await c.createApiKey({ name: 'k', service_account_id: sa.id });
  const secret: string = made.secret;
  const key: ApiKey = await c.updateApiKey(made.api_key.id, { name: 'k2' });
  await c.listApiKeys({ service_account_id: sa.id, pagination: { limit: 5 } });
  await c.getApiKey(key.id);
  await c.deleteApiKey(key.id);

  const roles: GetAllRolesForUserResponse = await c.setRolesForUser(sa.id, { roles: [{ name: 'ORG_MEMBER', resource: { type: 'ORGANIZATION' } }] });
  await c.addUserToRole(sa.id, rtype, 'cluster-id', role);
  await c.removeUserFromRole(sa.id, rtype, 'cluster-id', role);
  await c.getAllRolesForUser(sa.id);
  await c.listRoleGrants({ pagination: { limit: 1 } });
  await c.getPersonUsersByEmail({ email: 'a@example.com' });
  await c.deleteServiceAccount(sa.id);

  const f: FolderResource = await c.createFolder({ name: 'f', labels: { a: 'b' } });
  await c.updateFolder(f.resource_id, { name: 'g' });
  await c.getFolder(f.resource_id);
  await c.listFolders({ path: '/f' });
  for await (const r of c.listFolderContentsAll(f.resource_id)) { const t: string = r.resource_type; }
  await c.deleteFolder(f.resource_id);

  // @ts-expect-error: role names are a string union
  const badRole: OrganizationUserRole = 'SUPERUSER';
}
