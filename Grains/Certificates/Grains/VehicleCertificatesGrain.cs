using Microsoft.Extensions.Logging;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Provisioning;

namespace Twins.Grains.Certificates.Grains;

/// <summary>A vehicle's certificates and the re-provisioning policy; see <see cref="IVehicleCertificatesGrain"/>.</summary>
[GrainType("vehicle-certificates")]
internal sealed partial class VehicleCertificatesGrain : Grain, IVehicleCertificatesGrain, IRemindable
{
    private readonly IPersistentState<VehicleCertificateBook> _state;
    private readonly CertificateServices _services;
    private readonly ILogger<VehicleCertificatesGrain> _logger;

    public VehicleCertificatesGrain(
        [PersistentState("vehicle-certificates")] IPersistentState<VehicleCertificateBook> state,
        CertificateServices services,
        ILogger<VehicleCertificatesGrain> logger)
    {
        _state = state;
        _services = services;
        _logger = logger;
    }

    private VehicleCertificateBook Book => _state.RecordExists && _state.State is { } book ? book : VehicleCertificateBook.Empty;

    private string ThingName => this.GetPrimaryKeyString();

    public Task<VehicleCertificatesInfo> GetAsync() => Task.FromResult(new VehicleCertificatesInfo(
        ThingName, Book.Policy.ActiveCertificateId, [.. Book.Policy.PendingRevocation], [.. Book.History], Book.Policy.ProvisionedAt));

    public async Task<IReadOnlyList<CertificateInfo>> ListAsync()
    {
        var all = await Task.WhenAll(Book.History.Select(id => GrainFactory.GetGrain<ICertificateGrain>(id).GetAsync()));
        return [.. all.OfType<CertificateInfo>().OrderByDescending(c => c.CreatedAt)];
    }

    public async Task<IReadOnlyList<string>> OnProvisionedAsync(string certificateId)
    {
        var (policy, toDeactivate) = VehicleCertificatePolicy.OnProvisioned(Book.Policy, certificateId, Now);
        var history = Book.History.Contains(certificateId, StringComparer.Ordinal) ? Book.History : Book.History.Add(certificateId);
        if (policy != Book.Policy || history != Book.History)
        {
            _state.State = new VehicleCertificateBook(policy, history);
            await _state.WriteStateAsync();
        }

        foreach (var id in toDeactivate)
        {
            await GrainFactory.GetGrain<ICertificateGrain>(id).DeactivateAsync($"superseded by {certificateId}");
            LogDeactivated(_logger, ThingName, id, certificateId);
        }

        await ScheduleRotationWindowAsync();
        return toDeactivate;
    }

    public async Task<IReadOnlyList<string>> OnConnectedAsync(string? principalIdentifier)
    {
        if (principalIdentifier is not null && Book.History.Contains(principalIdentifier, StringComparer.Ordinal))
        {
            await GrainFactory.GetGrain<ICertificateGrain>(principalIdentifier).RecordConnectionAsync();
        }

        if (Book.Rotation is { IsFinished: false } rotation)
        {
            await RunRotationAsync(_services.Rotation.OnConnected(rotation, ThingName, principalIdentifier, Now));
        }

        var (policy, toRevoke) = VehicleCertificatePolicy.OnConnected(Book.Policy, principalIdentifier);
        if (toRevoke.Count == 0)
        {
            return [];
        }

        // Revoke first, then forget: a crash in between repeats the (idempotent) revocations.
        foreach (var id in toRevoke)
        {
            await GrainFactory.GetGrain<ICertificateGrain>(id).RevokeAsync($"the vehicle connected with its newer certificate {principalIdentifier}");
        }

        _state.State = Book with { Policy = policy };
        await _state.WriteStateAsync();
        return toRevoke;
    }

    [LoggerMessage(EventId = 8121, Level = LogLevel.Information, Message = "{ThingName}: certificate {Old} deactivated, superseded by {New}; revoked once the vehicle connects with the new one")]
    private static partial void LogDeactivated(ILogger logger, string thingName, string old, string @new);
}
