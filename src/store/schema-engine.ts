import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export type TSchemaEngine = bg.SchemaEngine;

interface TWasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: object } }>;
}

let initialised: Promise<void> | undefined;

/**
 * Node 20 cannot import a `.wasm` file as a module, so the bindings are wired by hand:
 * instantiate the bytes against the generated JS glue and hand the exports back to it.
 */
function initWasm(): Promise<void> {
  initialised ??= (async () => {
    // createRequire rather than import.meta.resolve: the latter is unavailable under vitest's module runner.
    const glue = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm');
    const bytes = await readFile(path.join(path.dirname(glue), 'schema_engine_bg.wasm'));
    // The ES2023 lib has no WebAssembly typings (they live in "DOM"); the runtime has it.
    const wasm = (globalThis as unknown as { WebAssembly: TWasmApi }).WebAssembly;
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(bg) });
    const exports = instance.exports as { __wbindgen_start?: () => void };
    bg.__wbg_set_wasm(exports);
    exports.__wbindgen_start?.();
  })();
  return initialised;
}

/**
 * The engine races each PostgreSQL advisory-lock wait against a 10 s timer that it never clears, which kept
 * `earshot migrate` alive for 10 s after finishing. Its timers only ever bound a wait on a connection that keeps the
 * process alive by itself, so they need not hold the event loop open.
 */
function withUnrefTimers(glue: typeof bg): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(imports).filter((k) => k.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (fn: () => void, ms: number) => setTimeout(fn, ms >>> 0).unref();
  }
  return imports;
}

/** Opens Prisma's schema engine (WebAssembly build) on a driver adapter: no native binary needed. */
export async function openSchemaEngine(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  schema: { path: string; content: string },
  log: (line: string) => void = () => {},
): Promise<TOpenEngine> {
  await initWasm();
  // The engine takes SQLite's lock in EXCLUSIVE mode and free() does not close its connections,
  // so we keep hold of them and close them ourselves; otherwise the app's own client would wait forever.
  const opened: { dispose(): Promise<void> }[] = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    connect: async () => track(opened, await adapter.connect()),
    connectToShadowDb: async () => track(opened, await adapter.connectToShadowDb()),
  };
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    log,
    bindMigrationAwareSqlAdapterFactory(tracking),
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.splice(0).map((c) => c.dispose()));
    },
  };
}

export interface TOpenEngine {
  engine: TSchemaEngine;
  close(): Promise<void>;
}

function track<T extends { dispose(): Promise<void> }>(list: { dispose(): Promise<void> }[], conn: T): T {
  list.push(conn);
  return conn;
}
