using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;

namespace Twins.Silo.Hosting;

/// <summary>Where the silo listens for other silos and for gateway processes.</summary>
internal static class SiloEndpoints
{
    public static void Configure(ISiloBuilder silo, ClusterHostingOptions cluster)
    {
        if (!cluster.IsClustered)
        {
            // One process: Orleans still needs a silo endpoint, so take a free loopback port (several silos, such as
            // tests, may run on one machine) and open no gateway for clients.
            var port = cluster.SiloPort != 0 ? cluster.SiloPort : FreeLoopbackPort();
            silo.UseLocalhostClustering(siloPort: port, gatewayPort: 0, serviceId: cluster.ServiceId, clusterId: cluster.ServiceId);
            return;
        }

        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = Resolve(cluster.AdvertisedHost);
            o.SiloPort = cluster.SiloPort != 0 ? cluster.SiloPort : ClusterHostingOptions.DefaultClusteredSiloPort;
            o.GatewayPort = cluster.GatewayPort != 0 ? cluster.GatewayPort : ClusterHostingOptions.DefaultClusteredGatewayPort;
            o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, o.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, o.GatewayPort);
        });
    }

    private static IPAddress Resolve(string host) =>
        IPAddress.TryParse(host, out var address) ? address : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
