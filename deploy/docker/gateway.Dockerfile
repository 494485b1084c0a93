# syntax=docker/dockerfile:1.7
# Twins gateway: the MQTT edge (shared-subscription workers that call grains and publish replies/commands).
# Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t twins/gateway:dev .
#
# GATEWAY_PROJECT / GATEWAY_DLL name the host process. Until the stand-alone gateway host (a cluster client,
# AddTwinsClient) ships, the gateway runs in the silo host with the gateway enabled; when the client host
# lands, build with --build-arg GATEWAY_PROJECT=<its csproj> --build-arg GATEWAY_DLL=<its dll>.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG GATEWAY_PROJECT=Silo/Twins.Silo.csproj
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cd libs/GraphQL/AspNetCore/GraphiQL && npm ci --no-audit --no-fund --loglevel=error
RUN --mount=type=cache,id=twins-nuget,target=/root/.nuget/packages \
    dotnet publish "$GATEWAY_PROJECT" -c Release -o /app --nologo -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
ARG GATEWAY_DLL=Twins.Silo.dll
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data \
 && ln -s "/app/$GATEWAY_DLL" /app/gateway-host.dll
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080 \
    Twins__DataDirectory=/data \
    Gateway__Enabled=true \
    DOTNET_gcServer=1
EXPOSE 8080
VOLUME ["/data"]
ENTRYPOINT ["dotnet", "/app/gateway-host.dll"]
