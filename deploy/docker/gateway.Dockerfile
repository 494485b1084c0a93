# syntax=docker/dockerfile:1.7
# Twins gateway: the MQTT edge (shared-subscription workers that call grains, provisioning endpoint) as its own
# process: the silo's entry point with Twins__Role=Gateway, a cluster client that hosts no grains and no API.
# It needs the cluster's settings (Twins__Cluster__Provider, Twins__Cluster__DynamoDb__*, Twins__Cluster__ServiceId)
# and the broker's (Gateway__Host, Gateway__Port). HTTP serves only /healthz, /readyz and /metrics.
# Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t twins/gateway:dev .
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
# node + npm bundle GraphiQL with esbuild at build time (the Silo project embeds it); not in the runtime image.
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
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080 \
    Twins__DataDirectory=/data \
    Twins__Role=Gateway \
    DOTNET_gcServer=1
# 8080: /healthz, /readyz (an Active silo known, broker connected), /metrics.
EXPOSE 8080
VOLUME ["/data"]
ENTRYPOINT ["dotnet", "Twins.Silo.dll"]
