namespace Twins.Grains.DeviceShadow;

/// <summary>A rejected shadow request: AWS IoT's HTTP-like code and exact message.</summary>
/// <param name="Code">400, 401, 403, 404, 409, 413, 415, 429 or 500.</param>
/// <param name="Message">The message AWS IoT sends for this code.</param>
public sealed record ShadowError(int Code, string Message)
{
    public static ShadowError InvalidJson { get; } = new(400, "Invalid JSON");
    public static ShadowError MissingState { get; } = new(400, "Missing required node: state");
    public static ShadowError StateNotObject { get; } = new(400, "State node must be an object");
    public static ShadowError DesiredNotObject { get; } = new(400, "Desired node must be an object");
    public static ShadowError ReportedNotObject { get; } = new(400, "Reported node must be an object");
    public static ShadowError InvalidVersion { get; } = new(400, "Invalid version");
    public static ShadowError InvalidClientToken { get; } = new(400, "Invalid clientToken");
    public static ShadowError TooDeep { get; } = new(400, "JSON contains too many levels of nesting; maximum is 6");
    public static ShadowError InvalidNode { get; } = new(400, "State contains an invalid node");
    public static ShadowError Unauthorized { get; } = new(401, "Unauthorized");
    public static ShadowError Forbidden { get; } = new(403, "Forbidden");
    public static ShadowError VersionConflict { get; } = new(409, "Version conflict");
    public static ShadowError PayloadTooLarge { get; } = new(413, "The payload exceeds the maximum size allowed");
    public static ShadowError UnsupportedEncoding { get; } = new(415, "Unsupported documented encoding; supported encoding is UTF-8");
    public static ShadowError TooManyRequests { get; } = new(429, "Too Many Requests");
    public static ShadowError InternalFailure { get; } = new(500, "Internal service failure");

    /// <summary>404 for a get or delete of a shadow that does not exist.</summary>
    public static ShadowError NotFound(string name) => new(404, $"No shadow exists with name: '{name}'");
}
