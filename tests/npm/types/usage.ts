// Type-checked with `tsc --noEmit` (tests/npm/types.test.mjs); never run.
// Touches every request and answer type the package declares, the enums as
// string unions, the iterators, the waiters and the error class.
import {
  CloudClient, CloudApiError, init, initSync, OPERATIONS,
  type Cluster, type ClusterState, type CreateClusterRequest, type UpdateClusterSpecification,
  type ListClustersResponse, type CmekClusterInfo, type Restore, type Database, type SqlUser,
  type BlackoutWindow, type MaintenanceWindow, type ClusterVersionDeferral, type BackupConfiguration,
  type Organization, type CloudProvider, type Plan, type CloudApiErrorKind, type WaitOptions,
  type OperationInfo, type ClientOptions,
} from 'crdb-cloud';

export async function usage(signal: AbortSignal): Promise<void> {
  await init();
  const options: ClientOptions = { apiKey: 'k', baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000, retries: 2, rateLimit: 10 };
  const c = new CloudClient(options);
  new CloudClient({ apiKey: 'k', retries: { maxRateLimitRetries: 1, maxRetries: 0, baseDelayMs: 10, maxDelayMs: 100 } });

  const org: Organization = await c.getOrganizationInfo();
  const orgName: string = org.name;

  const provider: CloudProvider = 'GCP';
  const plan: Plan = 'BASIC';
  const req: CreateClusterRequest = {
    name: 'c', provider,
    spec: { plan, serverless: { regions: ['us-central1'], usage_limits: { request_unit_limit: '50000000' } } },
  };
  const cluster: Cluster = await c.createCluster(req);
  const state: ClusterState = cluster.state;
  const labels: Record<string, string> = cluster.labels;
  const update: UpdateClusterSpecification = { labels: { team: 'a' } };
  await c.updateCluster(cluster.id, update);
  await c.getCluster(cluster.id);
  await c.deleteCluster(cluster.id);
  const page: ListClustersResponse = await c.listClusters({ show_inactive: true, sort_by: 'NAME', pagination: { limit: 5, sort_order: 'DESC' } });
  const next: string | undefined = page.pagination?.next_page;
  for await (const item of c.listClustersAll({ pagination: { limit: 1 } })) {
    const id: string = item.id;
  }
  await c.listMajorClusterVersions();
  await c.listAvailableRegions({ provider: 'AWS', serverless: true });
  const conn = await c.getConnectionString(cluster.id, { database: 'defaultdb', sql_user: 'u', os: 'LINUX' });
  const connection: string | undefined = conn.connection_string;
  await c.listClusterNodes(cluster.id, { region_name: 'us-central1' });

  const user: SqlUser = await c.createSqlUser(cluster.id, { name: 'u', password: 'p' });
  await c.updateSqlUserPassword(cluster.id, user.name, { password: 'q' });
  await c.listSqlUsers(cluster.id);
  for await (const u of c.listSqlUsersAll(cluster.id)) { const n: string = u.name; }
  await c.deleteSqlUser(cluster.id, 'u');

  const db: Database = await c.createDatabase(cluster.id, { name: 'd' });
  const tables: string | undefined = db.table_count; // int64 as a decimal string
  await c.editDatabase(cluster.id, 'd', { name: 'd', new_name: 'e' });
  await c.editDatabase2(cluster.id, { name: 'e', new_name: 'f' });
  await c.listDatabases(cluster.id, { pagination: { page: 'x' } });
  await c.deleteDatabase(cluster.id, 'f');

  const cmek: CmekClusterInfo = await c.enableCmekSpec(cluster.id, {
    region_specs: [{ region: 'us-east-1', key_spec: { type: 'AWS_KMS', uri: 'arn:x', auth_principal: 'arn:y' } }],
  });
  await c.updateCmekSpec(cluster.id, { region_specs: [] });
  await c.updateCmekStatus(cluster.id, { action: 'REVOKE' });
  await c.getCmekClusterInfo(cluster.id);
  await c.waitForCmek(cluster.id, { signal });

  const cfg: BackupConfiguration = await c.getBackupConfiguration(cluster.id);
  await c.updateBackupConfiguration(cluster.id, { enabled: true, frequency_minutes: 60 });
  await c.listBackups(cluster.id, { start_time: '2024-01-01T00:00:00Z' });
  for await (const b of c.listBackupsAll(cluster.id)) { const at: string | undefined = b.as_of_time; }
  const restore: Restore = await c.createRestore(cluster.id, { type: 'CLUSTER', source_cluster_id: cluster.id });
  await c.getRestore(cluster.id, restore.id);
  await c.listRestores(cluster.id);
  await c.waitForRestore(cluster.id, restore.id, { intervalMs: 10, timeoutMs: 1000 });

  const mw: MaintenanceWindow = await c.setMaintenanceWindow(cluster.id, { offset_duration: '3600s', window_duration: '21600s' });
  await c.getMaintenanceWindow(cluster.id);
  await c.deleteMaintenanceWindow(cluster.id);
  const vd: ClusterVersionDeferral = await c.setClusterVersionDeferral(cluster.id, { deferral_policy: 'DEFERRAL_60_DAYS' });
  await c.getClusterVersionDeferral(cluster.id);

  const bw: BlackoutWindow = await c.createBlackoutWindow(cluster.id, { start_time: '2030-01-01T00:00:00Z', end_time: '2030-01-02T00:00:00Z' });
  await c.updateBlackoutWindow(cluster.id, bw.id, { end_time: '2030-01-03T00:00:00Z' });
  await c.getBlackoutWindow(cluster.id, bw.id);
  await c.listBlackoutWindows(cluster.id);
  await c.deleteBlackoutWindow(cluster.id, bw.id);

  const wait: WaitOptions = { intervalMs: 100, timeoutMs: 1000, signal };
  const ready: Cluster = await c.waitForCluster(cluster.id, wait);

  try {
    await c.getCluster('missing');
  } catch (e) {
    if (e instanceof CloudApiError) {
      const kind: CloudApiErrorKind = e.kind;
      const status: number = e.status;
      const code: number = e.code;
      const retry: number | undefined = e.retryAfter;
      const typeUrl: string = e.details[0]?.['@type'] ?? '';
    }
  }
  const ops: OperationInfo[] = OPERATIONS;
  initSync(new Uint8Array());

  // @ts-expect-error: enums are string unions
  const badState: ClusterState = 'RUNNING';
  // @ts-expect-error: int64 fields are decimal strings, not numbers
  const badInt: Database = { name: 'd', table_count: 5 };
  // @ts-expect-error: path parameters are required
  await c.getCluster();
  // @ts-expect-error: the body's fields are checked
  await c.createSqlUser(cluster.id, { name: 'u', pasword: 'p' });
  // @ts-expect-error: options are checked
  new CloudClient({ apiKey: 'k', timeout: 5 });
}
