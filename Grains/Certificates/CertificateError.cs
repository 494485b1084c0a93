namespace Twins.Grains.Certificates;

/// <summary>A refused certificate request.</summary>
/// <param name="Code">The category.</param>
/// <param name="Message">What exactly is wrong.</param>
public sealed record CertificateError(CertificateErrorCode Code, string Message)
{
    /// <summary>The <c>errorCode</c> string sent in a provisioning <c>/rejected</c> reply.</summary>
    public string WireCode => Code switch
    {
        CertificateErrorCode.MalformedCsr => "InvalidCsr",
        CertificateErrorCode.InvalidCsrSignature => "InvalidCsrSignature",
        CertificateErrorCode.WeakKey => "WeakKey",
        CertificateErrorCode.CsrSubjectMismatch => "CsrSubjectMismatch",
        CertificateErrorCode.InvalidThingName => "InvalidThingName",
        CertificateErrorCode.RequestIdConflict => "RequestIdConflict",
        _ => "InvalidRequest",
    };
}
