/** Prisma's P2002: an insert or update hit a unique key, i.e. another writer got there first. */
export const isUniqueViolation = (err: unknown): boolean => (err as { code?: string } | null)?.code === 'P2002';
