using System.Security.Cryptography.X509Certificates;

namespace Twins.Simulator;

/// <summary>Everything a simulated fleet is configured with (command line, environment, tests).</summary>
internal sealed record SimulatorOptions
{
    /// <summary>The broker's host.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The broker's port (1883 plain, 8883 mutual TLS by convention).</summary>
    public int Port { get; init; } = 1883;

    /// <summary>How many vehicles to simulate.</summary>
    public int Vehicles { get; init; } = 25;

    /// <summary>First characters of every VIN; the rest is the vehicle's index, zero-padded to 17 characters.</summary>
    public string VinPrefix { get; init; } = "TWNVH";

    /// <summary>Index of the first vehicle (several simulators can split a fleet).</summary>
    public int FirstIndex { get; init; } = 1;

    /// <summary>Keys, certificates and thing names live under <c>{DataDirectory}/vehicles/{VIN}</c>.</summary>
    public string DataDirectory { get; init; } = Path.Combine(Environment.CurrentDirectory, ".twins", "simulator");

    /// <summary>Provision by claim (fleet provisioning) on first start; otherwise the thing name is derived from the VIN.</summary>
    public bool ProvisionByClaim { get; init; }

    /// <summary>The provisioning template asked for when provisioning by claim.</summary>
    public string ProvisioningTemplate { get; init; } = "twins-fleet";

    /// <summary>The CA that signed the broker's certificate; set to connect over TLS.</summary>
    public X509Certificate2? CertificateAuthority { get; init; }

    /// <summary>The shared claim certificate (with its key) used to connect before a vehicle has its own.</summary>
    public X509Certificate2? ClaimCertificate { get; init; }

    /// <summary>The TLS server name to check on the broker's certificate (defaults to <see cref="Host"/>).</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Telemetry period per vehicle.</summary>
    public TimeSpan TelemetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Publish telemetry with QoS 1 (PUBACK per sample) instead of QoS 0.</summary>
    public bool TelemetryAtLeastOnce { get; init; }

    /// <summary>MQTT keep-alive of every vehicle.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many vehicles start per second while the fleet ramps up (0: all at once).</summary>
    public double ConnectRate { get; init; } = 500;

    /// <summary>
    /// How many vehicles may be connecting (TCP, TLS handshake, CONNECT, and provisioning by claim) at
    /// once (0: no limit). Without a bound, a broker slower than the ramp collects a listen backlog of
    /// connections whose clients already timed out, and every retry joins the queue behind them.
    /// </summary>
    public int MaxConnecting { get; init; } = 64;

    /// <summary>Probability that a command ends FAILED.</summary>
    public double CommandFailureProbability { get; init; } = 0.05;

    /// <summary>Probability that a command is never answered (the cloud side times it out).</summary>
    public double CommandTimeoutProbability { get; init; } = 0.02;

    /// <summary>Probability per vehicle per minute of going offline (half of them abruptly, publishing the Will).</summary>
    public double OfflineProbabilityPerMinute { get; init; } = 0.02;

    /// <summary>Shortest time a vehicle stays offline.</summary>
    public TimeSpan OfflineMinimum { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest time a vehicle stays offline.</summary>
    public TimeSpan OfflineMaximum { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long to wait for provisioning replies and connects.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Replaces <c>$aws</c> in the AWS-shaped topics.</summary>
    public string AwsPrefix { get; init; } = "$aws";

    /// <summary>Throws with the option's name when a value cannot work.</summary>
    public void Validate()
    {
        if (Vehicles < 0)
        {
            throw new ArgumentException("--vehicles must be 0 or more.", nameof(Vehicles));
        }

        if (VinPrefix.Length is 0 or > 16 || !VinPrefix.All(VehicleIdentity.IsVinCharacter))
        {
            throw new ArgumentException($"--vin-prefix '{VinPrefix}' must be 1..16 VIN characters (A-Z without I, O, Q; 0-9).", nameof(VinPrefix));
        }

        if (MaxConnecting < 0)
        {
            throw new ArgumentException("--max-connecting must be 0 (no limit) or more.", nameof(MaxConnecting));
        }

        if (TelemetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("--telemetry-interval must be positive.", nameof(TelemetryInterval));
        }

        CheckProbability(CommandFailureProbability, "--command-failure-probability");
        CheckProbability(CommandTimeoutProbability, "--command-timeout-probability");
        CheckProbability(OfflineProbabilityPerMinute, "--offline-probability");
        if (OfflineMaximum < OfflineMinimum)
        {
            throw new ArgumentException("--offline-max must not be shorter than --offline-min.", nameof(OfflineMaximum));
        }

        if (ClaimCertificate is not null && CertificateAuthority is null)
        {
            throw new ArgumentException("--claim-certificate needs --ca (the broker's certificate authority).", nameof(ClaimCertificate));
        }
    }

    private static void CheckProbability(double value, string name)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            throw new ArgumentException($"{name} must be between 0 and 1.", name);
        }
    }
}
