namespace Twins.Grains.Provisioning;

/// <summary>A provisioning <c>/rejected</c> reply: <c>{"statusCode","errorCode","errorMessage"}</c>.</summary>
/// <param name="StatusCode">HTTP-like status: 400, 403, 404 or 500.</param>
/// <param name="ErrorCode">A precise, stable code.</param>
/// <param name="ErrorMessage">What exactly is wrong.</param>
public sealed record ProvisioningError(int StatusCode, string ErrorCode, string ErrorMessage)
{
    /// <summary>Not UTF-8 JSON, or a required field missing or of the wrong type.</summary>
    public static ProvisioningError InvalidPayload(string message) => new(400, "InvalidPayload", message);

    /// <summary>The ownership token is not one Twins issued.</summary>
    public static ProvisioningError InvalidToken(string message) => new(400, "InvalidCertificateOwnershipToken", message);

    /// <summary>The ownership token's hour has passed.</summary>
    public static ProvisioningError TokenExpired { get; } = new(400, "CertificateOwnershipTokenExpired", "The certificate ownership token has expired.");

    /// <summary>The ownership token was already used.</summary>
    public static ProvisioningError TokenReused { get; } = new(400, "CertificateOwnershipTokenAlreadyUsed", "The certificate ownership token was already used.");

    /// <summary>The VIN parameter is missing or has no letters or digits.</summary>
    public static ProvisioningError InvalidVin { get; } = new(400, "InvalidVin", "parameters.vin must be a VIN.");

    /// <summary>The VIN is not on the allow-list.</summary>
    public static ProvisioningError AccessDenied { get; } = new(403, "ACCESS_DENIED", "This vehicle is not allowed to provision.");

    /// <summary>The certificate was issued for another vehicle than the VIN names.</summary>
    public static ProvisioningError CertificateForAnotherVehicle(string certificateName, string thingName) =>
        new(403, "CsrSubjectMismatch", $"The certificate was issued for '{certificateName}', not '{thingName}'.");

    /// <summary>The provisioning template does not exist.</summary>
    public static ProvisioningError TemplateNotFound(string template) => new(404, "ResourceNotFound", $"Provisioning template '{template}' does not exist.");

    /// <summary>The certificate is not pending activation (revoked, or already provisioned with another token).</summary>
    public static ProvisioningError CertificateNotPending { get; } = new(400, "InvalidCertificateState", "The certificate is not pending activation.");

    /// <summary>Something failed inside Twins.</summary>
    public static ProvisioningError InternalFailure { get; } = new(500, "InternalFailure", "Internal service failure.");
}
