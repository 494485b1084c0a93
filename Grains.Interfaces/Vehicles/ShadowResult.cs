namespace Twins.Grains.Interfaces.Vehicles;

/// <summary>The outcome of a shadow request, as published on its reply topic.</summary>
/// <param name="Accepted">True when the reply went to <c>/accepted</c>.</param>
/// <param name="Version">The shadow's version after the request (0 when it never existed).</param>
/// <param name="ErrorCode">AWS IoT's error code (400, 404, 409, 413, 415, ...) when rejected.</param>
/// <param name="ErrorMessage">AWS IoT's exact error message when rejected.</param>
/// <param name="Document">The reply payload (UTF-8 JSON) exactly as published.</param>
/// <param name="Duplicate">True when the request was a redelivery of one already applied: nothing changed and nothing was published.</param>
[GenerateSerializer]
[Immutable]
[Alias("Twins.ShadowResult")]
public sealed record ShadowResult([Id(0)] bool Accepted, [Id(1)] long Version, [Id(2)] int? ErrorCode, [Id(3)] string? ErrorMessage, [Id(4)] string Document, [Id(5)] bool Duplicate = false);
