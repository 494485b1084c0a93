using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Twins.Simulator;

/// <summary>
/// The command line: every option also reads a <c>TWINS_SIMULATOR_*</c> environment variable (for
/// containers), e.g. <c>--vehicles</c> ↔ <c>TWINS_SIMULATOR_VEHICLES</c>; the command line wins.
/// </summary>
internal static class SimulatorCommand
{
    public static RootCommand Create(Func<SimulatorOptions, RunSettings, CancellationToken, Task<int>> run)
    {
        var defaults = new SimulatorOptions();
        var host = Option("--host", "The MQTT broker's host.", defaults.Host);
        var port = Option("--port", "The broker's port (1883 plain, 8883 mutual TLS).", defaults.Port);
        var vehicles = Option("--vehicles", "How many vehicles to simulate.", defaults.Vehicles, "-n");
        var vinPrefix = Option("--vin-prefix", "First characters of every VIN (the rest is the vehicle's number).", defaults.VinPrefix);
        var firstIndex = Option("--first-index", "Number of the first vehicle (to split a fleet across simulators).", defaults.FirstIndex);
        var data = Option("--data", "Folder for the vehicles' keys, certificates and thing names.", defaults.DataDirectory);
        var provision = Option("--provision", "Provision each vehicle by claim on first start (keys and certificates kept under --data).", defaults.ProvisionByClaim);
        var template = Option("--template", "Provisioning template used when provisioning by claim.", defaults.ProvisioningTemplate);
        var ca = Option<string?>("--ca", "PEM file of the CA that signed the broker's certificate; connects over TLS when set.", null);
        var claimCertificate = Option<string?>("--claim-certificate", "PEM file of the shared claim certificate (mutual TLS while provisioning).", null);
        var claimKey = Option<string?>("--claim-key", "PEM file of the claim certificate's private key.", null);
        var serverName = Option<string?>("--tls-server-name", "Name to check on the broker's certificate (default: --host).", null);
        var telemetry = Option("--telemetry-interval", "Seconds between telemetry samples of one vehicle.", defaults.TelemetryInterval.TotalSeconds);
        var telemetryQos1 = Option("--telemetry-qos1", "Publish telemetry with QoS 1 instead of QoS 0.", defaults.TelemetryAtLeastOnce);
        var connectRate = Option("--connect-rate", "Vehicles started per second while the fleet ramps up (0: all at once).", defaults.ConnectRate);
        var maxConnecting = Option("--max-connecting", "Vehicles connecting (handshake, CONNECT, provisioning) at once; 0: no limit.", defaults.MaxConnecting);
        var failure = Option("--command-failure-probability", "Probability that a command ends FAILED.", defaults.CommandFailureProbability);
        var timeout = Option("--command-timeout-probability", "Probability that a command is never answered.", defaults.CommandTimeoutProbability);
        var offline = Option("--offline-probability", "Probability per vehicle per minute of going offline (0 turns it off).", defaults.OfflineProbabilityPerMinute);
        var offlineMin = Option("--offline-min", "Shortest offline spell in seconds.", defaults.OfflineMinimum.TotalSeconds);
        var offlineMax = Option("--offline-max", "Longest offline spell in seconds.", defaults.OfflineMaximum.TotalSeconds);
        var keepAlive = Option("--keep-alive", "MQTT keep-alive in seconds.", defaults.KeepAlive.TotalSeconds);
        var awsPrefix = Option("--aws-prefix", "Replaces $aws in the AWS-shaped topics.", defaults.AwsPrefix);
        var duration = Option("--duration", "Stop after this many seconds (0: run until Ctrl-C).", 0d);
        var plain = Option("--plain", "Print plain status lines even on a terminal.", false);
        var statusInterval = Option("--status-interval", "Seconds between plain status lines.", 5d);

        var root = new RootCommand("Twins fleet simulator: virtual vehicles speaking the Twins vehicle contract over MQTT 5.")
        {
            host, port, vehicles, vinPrefix, firstIndex, data, provision, template, ca, claimCertificate, claimKey, serverName,
            telemetry, telemetryQos1, connectRate, maxConnecting, failure, timeout, offline, offlineMin, offlineMax, keepAlive, awsPrefix,
            duration, plain, statusInterval,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            SimulatorOptions options;
            try
            {
                var caFile = result.GetValue(ca);
                var claimFile = result.GetValue(claimCertificate);
                options = new SimulatorOptions
                {
                    Host = result.GetValue(host)!,
                    Port = result.GetValue(port),
                    Vehicles = result.GetValue(vehicles),
                    VinPrefix = result.GetValue(vinPrefix)!,
                    FirstIndex = result.GetValue(firstIndex),
                    DataDirectory = Path.GetFullPath(result.GetValue(data)!),
                    ProvisionByClaim = result.GetValue(provision),
                    ProvisioningTemplate = result.GetValue(template)!,
                    CertificateAuthority = caFile is null ? null : X509CertificateLoader.LoadCertificateFromFile(caFile),
                    ClaimCertificate = claimFile is null ? null : X509Certificate2.CreateFromPemFile(claimFile, result.GetValue(claimKey) ?? claimFile),
                    TlsServerName = result.GetValue(serverName),
                    TelemetryInterval = TimeSpan.FromSeconds(result.GetValue(telemetry)),
                    TelemetryAtLeastOnce = result.GetValue(telemetryQos1),
                    ConnectRate = result.GetValue(connectRate),
                    MaxConnecting = result.GetValue(maxConnecting),
                    CommandFailureProbability = result.GetValue(failure),
                    CommandTimeoutProbability = result.GetValue(timeout),
                    OfflineProbabilityPerMinute = result.GetValue(offline),
                    OfflineMinimum = TimeSpan.FromSeconds(result.GetValue(offlineMin)),
                    OfflineMaximum = TimeSpan.FromSeconds(result.GetValue(offlineMax)),
                    KeepAlive = TimeSpan.FromSeconds(result.GetValue(keepAlive)),
                    AwsPrefix = result.GetValue(awsPrefix)!,
                };
                options.Validate();
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                await Console.Error.WriteLineAsync($"twins simulate: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            var settings = new RunSettings(
                result.GetValue(duration) > 0 ? TimeSpan.FromSeconds(result.GetValue(duration)) : null,
                result.GetValue(plain),
                TimeSpan.FromSeconds(Math.Max(0.5, result.GetValue(statusInterval))));
            return await run(options, settings, cancellationToken).ConfigureAwait(false);
        });
        return root;
    }

    private static Option<T> Option<T>(string name, string description, T fallback, params string[] aliases)
    {
        var variable = "TWINS_SIMULATOR_" + name.TrimStart('-').Replace('-', '_').ToUpperInvariant();
        return new Option<T>(name, aliases)
        {
            Description = $"{description} [env: {variable}]",
            DefaultValueFactory = _ => FromEnvironment(variable, fallback),
        };
    }

    private static T FromEnvironment<T>(string variable, T fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            return (T)Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{variable}='{text}' is not a valid {type.Name}.");
        }
    }
}
