using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Twins.Grains.Internal;
using Twins.Grains.Interfaces.Certificates;

namespace Twins.Grains.Certificates.Grains;

/// <summary>
/// Keeps the fleet's revoked serials, writes the CRL through the CA to the file the broker reads, and runs
/// the broker's reload command. The broker drops nothing by itself: see deploy/mosquitto/README.md for how
/// an open connection of a revoked certificate is ended.
/// </summary>
[GrainType("certificate-revocation")]
internal sealed partial class CertificateRevocationGrain : Grain, ICertificateRevocationGrain, IRemindable
{
    /// <summary>Publishes the revocations of one window together; periodic, so a failed publish is retried.</summary>
    internal const string PublishReminder = "publish-crl";

    private readonly IPersistentState<RevocationList> _state;
    private readonly CertificateServices _services;
    private readonly ILogger<CertificateRevocationGrain> _logger;

    public CertificateRevocationGrain(
        [PersistentState("crl")] IPersistentState<RevocationList> state,
        CertificateServices services,
        ILogger<CertificateRevocationGrain> logger)
    {
        _state = state;
        _services = services;
        _logger = logger;
    }

    private RevocationList List => _state.RecordExists && _state.State is { } list ? list : RevocationList.Empty;

    public async Task<string?> RevokeAsync(string serialNumber, DateTimeOffset revokedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(serialNumber);
        var delay = _services.Options.CrlPublishDelay;
        var added = !List.Entries.ContainsKey(serialNumber);
        if (delay <= TimeSpan.Zero)
        {
            if (added)
            {
                _state.State = List with { Entries = List.Entries.Add(serialNumber, revokedAt) };
                await _state.WriteStateAsync();
            }

            return await PublishAsync();
        }

        // A repeat (e.g. the certificate grain retrying after a crash) re-arms a publication only if none is due.
        if (added || !List.PublishPending)
        {
            var armed = List.PublishPending && await this.GetReminder(PublishReminder) is not null;
            _state.State = List with { Entries = added ? List.Entries.Add(serialNumber, revokedAt) : List.Entries, PublishPending = true };
            await _state.WriteStateAsync();
            if (!armed)
            {
                await this.RegisterOrUpdateReminder(PublishReminder, delay, GrainReminders.AtLeastMinimum(delay));
            }
        }

        return null;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != PublishReminder)
        {
            return;
        }

        if (List.PublishPending)
        {
            // Throws if the CRL cannot be written: the reminder stays and tries again next period.
            await PublishAsync();
            _state.State = List with { PublishPending = false };
            await _state.WriteStateAsync();
        }

        if (await this.GetReminder(PublishReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<string> PublishAsync()
    {
        var authority = await _services.AuthorityAsync();
        var crl = await authority.PublishCrlAsync(
            [.. List.Entries.Select(e => new RevokedCertificateEntry(e.Key, e.Value, System.Security.Cryptography.X509Certificates.X509RevocationReason.Superseded))]);
        LogPublished(_logger, crl.Number.ToString(CultureInfo.InvariantCulture), List.Entries.Count, crl.FilePath);
        await ReloadBrokerAsync(crl.FilePath);
        return crl.Number.ToString(CultureInfo.InvariantCulture);
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. List.Entries.Keys]);

    private async Task ReloadBrokerAsync(string crlFile)
    {
        var command = _services.Options.BrokerReloadCommand;
        if (string.IsNullOrWhiteSpace(command))
        {
            return;
        }

        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command.Replace("{crl}", crlFile, StringComparison.Ordinal));
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                LogReloadFailed(_logger, command, $"exit code {process.ExitCode}: {(await stderr).Trim()}");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            LogReloadFailed(_logger, command, ex.Message);
        }
    }

    [LoggerMessage(EventId = 8111, Level = LogLevel.Information, Message = "CRL {Number} published with {Count} revoked certificates to {File}")]
    private static partial void LogPublished(ILogger logger, string number, int count, string file);

    [LoggerMessage(EventId = 8112, Level = LogLevel.Error, Message = "The broker reload command '{Command}' failed: {Reason}; the broker keeps its previous CRL until reloaded")]
    private static partial void LogReloadFailed(ILogger logger, string command, string reason);
}
