using System.Net;
using System.Net.Sockets;

namespace Twins.Testing;

/// <summary>Finds free TCP ports on the loopback interface for servers started by tests.</summary>
public static class FreePort
{
    /// <summary>Returns a port that was free a moment ago on 127.0.0.1 (the OS picks it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
