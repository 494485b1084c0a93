# syntax=docker/dockerfile:1.7
# Twins fleet simulator: N virtual vehicles speaking the vehicle contract (tools/Simulator).
# Build from the repository root:
#   docker build -f deploy/docker/simulator.Dockerfile -t twins/simulator:dev .
# Configure with TWINS_SIMULATOR_* variables (docker run twins/simulator:dev --help lists them).
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,id=twins-nuget,target=/root/.nuget/packages \
    dotnet publish tools/Simulator/Twins.Simulator.csproj -c Release -o /app --nologo -p:UseAppHost=false

# aspnet, not runtime: the contract project (Grains.Interfaces) references libs/Actors, which uses ASP.NET Core.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data
USER $APP_UID
# Keys and certificates of every vehicle live under /data/vehicles/<VIN>: keep /data on a volume so a
# restarted simulator reuses them instead of provisioning again.
ENV TWINS_SIMULATOR_DATA=/data \
    TWINS_SIMULATOR_PLAIN=true
VOLUME ["/data"]
ENTRYPOINT ["dotnet", "Twins.Simulator.dll"]
