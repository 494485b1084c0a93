namespace Twins.Silo.Api.Authentication;

/// <summary>One API key: only its SHA-256 is configured, never the key itself.</summary>
internal sealed class ApiKeyOptions
{
    /// <summary>The caller's name (the principal's <c>sub</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The key's SHA-256, hex.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The role granted (<c>service</c> unless set).</summary>
    public string Role { get; set; } = FleetCaller.Service;
}
