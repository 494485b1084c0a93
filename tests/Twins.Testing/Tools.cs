namespace Twins.Testing;

/// <summary>Finds the external programs the tests run; a missing one fails with the command that installs it.</summary>
public static class Tools
{
    /// <summary>The mosquitto broker (Debian installs it in /usr/sbin, often not on a user's PATH).</summary>
    public static string Mosquitto => Find("mosquitto", "apt-get install -y mosquitto", "/usr/sbin/mosquitto");

    /// <summary>mosquitto's own client, used as an interoperability peer and benchmark baseline.</summary>
    public static string MosquittoPub => Find("mosquitto_pub", "apt-get install -y mosquitto-clients");

    /// <summary>mosquitto's own subscriber client.</summary>
    public static string MosquittoSub => Find("mosquitto_sub", "apt-get install -y mosquitto-clients");

    /// <summary>Node.js, which runs dynalite, graphql-js and graphql-ws.</summary>
    public static string Node => Find("node", "install Node.js 20");

    /// <summary>
    /// Debian's python3, which sees the python3-paho-mqtt package (a python3 earlier on PATH, such as a
    /// pyenv shim, would not).
    /// </summary>
    public static string Python3 => File.Exists("/usr/bin/python3")
        ? "/usr/bin/python3"
        : Find("python3", "apt-get install -y python3 python3-paho-mqtt");

    /// <summary>Returns the full path of <paramref name="name"/> on PATH or at one of <paramref name="fallbacks"/>.</summary>
    public static string Find(string name, string installHint, params string[] fallbacks)
    {
        ArgumentNullException.ThrowIfNull(fallbacks);
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var candidate in fallbacks)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{name}' is not installed. Run ./twins test (it installs it) or: {installHint}");
    }
}
