# syntax=docker/dockerfile:1
# Earshot in two stages: the builder installs every dependency, generates the Prisma clients and compiles
# TypeScript; the final image holds only the runtime dependencies, the compiled code and the files read at run time.
#   docker build -t earshot .
#   docker run -p 127.0.0.1:3000:3000 -v earshot-data:/data --env-file .env earshot
# test/deploy/container.test.ts checks this file, the build context and the entry command (no Docker engine needed).

ARG NODE_VERSION=20.20.2

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# npm 11 reads package.json's allowScripts: only better-sqlite3 may run an install script, exactly as in development
# (the npm that ships with Node 20 would run Prisma's engine download too).
RUN npm install -g npm@11.19.1
# better-sqlite3 compiles its native module when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json prisma.config.ts ./
COPY scripts/generate-client.mjs scripts/postgresql-schema.mjs ./scripts/
COPY prisma ./prisma
COPY src ./src
# `npm ci` runs `prepare`: both Prisma clients (generated without a native engine) and `tsc` into dist/.
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/data/earshot.db
WORKDIR /app
# Everything below stays owned by root and read-only to the app; only /data is its to write.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/src/generated/schema.postgresql.prisma ./src/generated/schema.postgresql.prisma
COPY config ./config
COPY manifests ./manifests
# The sandbox page's plain ES modules, served as they are (src/sandbox/page-routes.ts).
COPY src/sandbox/web ./src/sandbox/web
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself: stop accepting, finish work in flight, exit 0.
CMD ["node", "dist/cli.js", "start"]
