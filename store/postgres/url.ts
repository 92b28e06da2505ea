/**
 * Whether a database URL names PostgreSQL — on its own, so `openStore` can tell without loading
 * the PostgreSQL store and its driver (pg: ~50–100 ms), which a SQLite user never needs.
 */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}
