using System.Net;
using System.Net.Sockets;

namespace Twins.Testing;

/// <summary>Finds free TCP ports on the loopback interface for servers started by tests.</summary>
/// <remarks>
/// A port is handed out some time before the server that will use it binds it. A port the OS picked
/// (bind to 0) lies in its ephemeral range, which it also uses for the source ports of outgoing
/// connections, so on a busy machine an HTTP or DynamoDB client could take it in that gap ("address
/// already in use"). Ports are therefore drawn below the ephemeral range, where the OS never picks one
/// by itself, checked free by binding, and never handed out twice by one test process.
/// </remarks>
public static class FreePort
{
    private const int LowestPort = 10_000;
    private const int DefaultEphemeralStart = 32_768;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();
    private static readonly int EphemeralStart = ReadEphemeralStart();

    /// <summary>Returns a port that was free a moment ago on 127.0.0.1 and is outside the OS's ephemeral range.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 200 && EphemeralStart > LowestPort + 1; attempt++)
            {
                var port = Random.Shared.Next(LowestPort, EphemeralStart);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }

            // No free port below the ephemeral range (or the range starts too low): let the OS pick one.
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int ReadEphemeralStart()
    {
        try
        {
            var first = File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            return int.TryParse(first, System.Globalization.CultureInfo.InvariantCulture, out var start) ? start : DefaultEphemeralStart;
        }
        catch (IOException)
        {
            return DefaultEphemeralStart;
        }
        catch (UnauthorizedAccessException)
        {
            return DefaultEphemeralStart;
        }
    }
}
