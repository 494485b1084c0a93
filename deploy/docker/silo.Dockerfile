# syntax=docker/dockerfile:1.7
# Twins silo: grains, storage, GraphQL API, health endpoints (and gateway workers unless Gateway__Enabled=false).
# Alone by default; in a cluster with Twins__Cluster__Provider=DynamoDb (see deploy/README.md, "Cluster settings").
# Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t twins/silo:dev .
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
# node + npm bundle GraphiQL with esbuild at build time (libs/GraphQL); they stay out of the runtime image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cd libs/GraphQL/AspNetCore/GraphiQL && npm ci --no-audit --no-fund --loglevel=error
RUN --mount=type=cache,id=twins-nuget,target=/root/.nuget/packages \
    dotnet publish Silo/Twins.Silo.csproj -c Release -o /app --nologo -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build /app .
# The images' built-in non-root user (APP_UID, 1654) owns the data folder; the process never runs as root.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080 \
    Twins__DataDirectory=/data \
    DOTNET_gcServer=1
# 8080: HTTP (GraphQL, /healthz, /readyz, /metrics); 11111: silo-to-silo and cluster-client TCP.
EXPOSE 8080 11111
VOLUME ["/data"]
ENTRYPOINT ["dotnet", "Twins.Silo.dll"]
