using System.Globalization;

namespace Twins.Testing;

/// <summary>
/// Starts tests/Twins.Actors.ClusterHost (a silo process on DynamoDB with a counter grain) as a real
/// process: used by the kill -9 fault test and by the failover and scale-out benchmarks.
/// </summary>
public static class ClusterHostProcess
{
    /// <summary>
    /// The built Twins.Actors.ClusterHost.dll: the build configuration of the running assembly first,
    /// then the other one.
    /// </summary>
    public static string DllPath
    {
        get
        {
            var release = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal);
            string[] configurations = release ? ["Release", "Debug"] : ["Debug", "Release"];
            var candidates = configurations.Select(c =>
                Path.Combine(RepositoryPaths.Root, "tests", "Twins.Actors.ClusterHost", "bin", c, "net10.0", "Twins.Actors.ClusterHost.dll")).ToArray();
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException($"Twins.Actors.ClusterHost is not built ({candidates[0]}). Run: dotnet build tests/Twins.Actors.ClusterHost");
        }
    }

    /// <summary>
    /// Starts one silo named <paramref name="siloName"/> listening on <paramref name="siloPort"/> for
    /// silo-to-silo traffic, with its state, reminders and membership on <paramref name="dynamoServiceUrl"/>.
    /// Warnings and errors only are logged; <paramref name="extraArguments"/> are appended (configuration
    /// overrides such as <c>--Twins:Cluster:DeathTimeout 00:00:05</c>).
    /// </summary>
    public static ExternalProcess Start(Uri dynamoServiceUrl, string siloName, int siloPort, params IEnumerable<string> extraArguments)
    {
        ArgumentNullException.ThrowIfNull(dynamoServiceUrl);
        return ExternalProcess.Start(Tools.Find("dotnet", "install the .NET 10 SDK"), [DllPath,
            "--Dynamo", dynamoServiceUrl.ToString(),
            "--Twins:Silo:SiloName", siloName,
            "--Twins:Cluster:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default", "Warning",
            .. extraArguments]);
    }
}
