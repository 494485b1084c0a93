namespace Twins.Grains.Provisioning;

/// <summary>
/// The contract's rule for a vehicle provisioned again: its earlier certificates are deactivated at
/// once and revoked only once the vehicle has connected with the new one, so a vehicle that never
/// received its new certificate is not locked out.
/// </summary>
public static class VehicleCertificatePolicy
{
    /// <summary>The vehicle was provisioned with <paramref name="certificateId"/>: returns the certificates to deactivate now.</summary>
    public static (VehicleCertificates State, IReadOnlyList<string> ToDeactivate) OnProvisioned(VehicleCertificates state, string certificateId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(certificateId);
        if (string.Equals(state.ActiveCertificateId, certificateId, StringComparison.Ordinal))
        {
            return (state, []);
        }

        var earlier = state.ActiveCertificateId is { } active && !state.PendingRevocation.Contains(active, StringComparer.Ordinal)
            ? state.PendingRevocation.Add(active)
            : state.PendingRevocation;
        earlier = earlier.Remove(certificateId, StringComparer.Ordinal);
        var toDeactivate = state.ActiveCertificateId is { } previous ? new[] { previous } : [];
        return (new VehicleCertificates(certificateId, earlier, now), toDeactivate);
    }

    /// <summary>A connected event: once the principal is the active certificate, the earlier ones are revoked.</summary>
    public static (VehicleCertificates State, IReadOnlyList<string> ToRevoke) OnConnected(VehicleCertificates state, string? principalIdentifier)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.PendingRevocation.IsEmpty || state.ActiveCertificateId is null
            || !string.Equals(principalIdentifier, state.ActiveCertificateId, StringComparison.Ordinal))
        {
            return (state, []);
        }

        return (state with { PendingRevocation = [] }, [.. state.PendingRevocation]);
    }
}
