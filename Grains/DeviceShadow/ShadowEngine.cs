using System.Text.Json.Nodes;
using Twins.Grains.Internal;

namespace Twins.Grains.DeviceShadow;

/// <summary>
/// AWS IoT Device Shadow semantics over an immutable <see cref="ShadowState"/>, shared by classic and
/// named shadows: validation with AWS's exact errors, merge with null deletion, delta, per-leaf
/// metadata, versions, delete keeping the version, and every payload Twins publishes. Stateless and
/// thread-safe; time is passed in so tests drive it.
/// </summary>
public sealed class ShadowEngine
{
    private readonly ShadowOptions _options;

    /// <summary>Creates an engine with AWS IoT's limits unless told otherwise.</summary>
    public ShadowEngine(ShadowOptions? options = null)
    {
        _options = options ?? ShadowOptions.Default;
    }

    /// <summary>Handles an <c>/update</c> payload from a vehicle or an app.</summary>
    public ShadowUpdateOutcome Update(ShadowState current, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var request = ShadowUpdateRequest.Parse(payload, _options, out var error, out var clientToken);
        return request is null ? Reject(current, error!, clientToken, now) : Apply(current, request, now);
    }

    /// <summary>
    /// (Twins) An app's write of <c>desired</c> (GraphQL), with exactly the semantics and checks of an
    /// <c>/update</c> carrying only <c>desired</c>: <paramref name="desired"/> <c>null</c> clears the section.
    /// </summary>
    public ShadowUpdateOutcome UpdateDesired(ShadowState current, JsonObject? desired, long? expectedVersion, string? clientToken, DateTimeOffset now)
    {
        var request = new JsonObject
        {
            ["state"] = new JsonObject { ["desired"] = desired?.DeepClone() },
        };
        if (expectedVersion is { } version)
        {
            request["version"] = version;
        }

        if (clientToken is not null)
        {
            request["clientToken"] = clientToken;
        }

        return Update(current, JsonUtf8.ToBytes(request), now);
    }

    /// <summary>Handles a <c>/get</c>: the full document with its delta, or 404.</summary>
    public ShadowReply Get(ShadowState current, string thingName, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var clientToken = ShadowUpdateRequest.ReadOptionalClientToken(payload, _options);
        if (!current.Exists)
        {
            var error = ShadowError.NotFound(current.ShadowName ?? thingName);
            return new ShadowReply(current, error, clientToken, ErrorDocument(error, clientToken, now));
        }

        var desired = JsonUtf8.ToObject(current.Desired);
        var reported = JsonUtf8.ToObject(current.Reported);
        var state = Sections(desired, reported);
        var delta = JsonTree.Delta(desired, reported);
        if (delta.Count > 0)
        {
            state["delta"] = delta;
        }

        var document = new JsonObject
        {
            ["state"] = state,
            ["metadata"] = Sections(JsonUtf8.ToObject(current.DesiredMetadata), JsonUtf8.ToObject(current.ReportedMetadata)),
            ["version"] = current.Version,
            ["timestamp"] = now.ToUnixTimeSeconds(),
        };
        AddClientToken(document, clientToken);
        return new ShadowReply(current, null, clientToken, JsonUtf8.ToBytes(document));
    }

    /// <summary>Handles a <c>/delete</c>: clears the shadow but keeps its version, or 404.</summary>
    public ShadowReply Delete(ShadowState current, string thingName, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        var clientToken = ShadowUpdateRequest.ReadOptionalClientToken(payload, _options);
        if (!current.Exists)
        {
            var error = ShadowError.NotFound(current.ShadowName ?? thingName);
            return new ShadowReply(current, error, clientToken, ErrorDocument(error, clientToken, now));
        }

        var deleted = ShadowState.New(current.ShadowName) with { Version = current.Version, DeletedAt = now };
        var document = new JsonObject
        {
            ["version"] = current.Version,
            ["timestamp"] = now.ToUnixTimeSeconds(),
        };
        AddClientToken(document, clientToken);
        return new ShadowReply(deleted, null, clientToken, JsonUtf8.ToBytes(document));
    }

    /// <summary>
    /// (Twins) The <c>/update/delta</c> payload to publish when a vehicle connects, so it catches up on
    /// deltas it missed offline; <c>null</c> when the shadow does not exist or has no delta.
    /// </summary>
    public static ReadOnlyMemory<byte>? DeltaOnConnect(ShadowState current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!current.Exists)
        {
            return null;
        }

        return DeltaDocument(JsonUtf8.ToObject(current.Desired), JsonUtf8.ToObject(current.Reported), JsonUtf8.ToObject(current.DesiredMetadata), current.Version, null, now);
    }

    /// <summary>The current delta (desired fields that reported does not match), empty when in sync.</summary>
    public static JsonObject CurrentDelta(ShadowState current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return JsonTree.Delta(JsonUtf8.ToObject(current.Desired), JsonUtf8.ToObject(current.Reported));
    }

    /// <summary>An AWS IoT error document: <c>{"code","message","timestamp","clientToken"}</c>.</summary>
    public static ReadOnlyMemory<byte> ErrorDocument(ShadowError error, string? clientToken, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.ToDocument(clientToken, now);
    }

    private ShadowUpdateOutcome Apply(ShadowState current, ShadowUpdateRequest request, DateTimeOffset now)
    {
        var baseVersion = current.Exists || (current.DeletedAt is { } deletedAt && now - deletedAt <= _options.VersionRetention)
            ? current.Version
            : 0;
        if (request.Version is { } expected && expected != baseVersion)
        {
            return Reject(current, ShadowError.VersionConflict, request.ClientToken, now);
        }

        var timestamp = now.ToUnixTimeSeconds();
        var desired = current.Exists ? JsonUtf8.ToObject(current.Desired) : [];
        var reported = current.Exists ? JsonUtf8.ToObject(current.Reported) : [];
        var desiredMetadata = current.Exists ? JsonUtf8.ToObject(current.DesiredMetadata) : [];
        var reportedMetadata = current.Exists ? JsonUtf8.ToObject(current.ReportedMetadata) : [];
        JsonObject? previous = current.Exists
            ? Document(desired.DeepClone().AsObject(), reported.DeepClone().AsObject(), desiredMetadata.DeepClone().AsObject(), reportedMetadata.DeepClone().AsObject(), current.Version)
            : null;

        ApplySection(request.HasDesired, request.Desired, ref desired, ref desiredMetadata, timestamp);
        ApplySection(request.HasReported, request.Reported, ref reported, ref reportedMetadata, timestamp);

        if (JsonUtf8.Size(desired) + JsonUtf8.Size(reported) > _options.MaxStateBytes)
        {
            return Reject(current, ShadowError.PayloadTooLarge, request.ClientToken, now);
        }

        var version = baseVersion + 1;
        var state = new ShadowState(
            current.ShadowName,
            Exists: true,
            version,
            desired.Count > 0 ? JsonUtf8.ToElement(desired) : null,
            reported.Count > 0 ? JsonUtf8.ToElement(reported) : null,
            desiredMetadata.Count > 0 ? JsonUtf8.ToElement(desiredMetadata) : null,
            reportedMetadata.Count > 0 ? JsonUtf8.ToElement(reportedMetadata) : null,
            DeletedAt: null);

        var documents = new JsonObject
        {
            ["previous"] = previous,
            ["current"] = Document(desired, reported, desiredMetadata, reportedMetadata, version),
            ["timestamp"] = timestamp,
        };
        AddClientToken(documents, request.ClientToken);

        return new ShadowUpdateOutcome(
            state,
            null,
            request.ClientToken,
            AcceptedDocument(request, version, timestamp),
            DeltaDocument(desired, reported, desiredMetadata, version, request.ClientToken, now),
            JsonUtf8.ToBytes(documents));
    }

    /// <summary>The <c>clientToken</c> of a request payload, if it carries a valid one.</summary>
    public string? ClientTokenOf(ReadOnlySpan<byte> payload) => ShadowUpdateRequest.ReadOptionalClientToken(payload, _options);

    /// <summary>
    /// (Twins) The <c>/update/accepted</c> document of an update that was already applied as <paramref name="version"/> at
    /// <paramref name="timestamp"/> (Unix seconds), rebuilt from its payload: the answer to a redelivered update, whose
    /// first answer may have been lost with a silo or a connection.
    /// </summary>
    public ReadOnlyMemory<byte> AcceptedAgain(ReadOnlySpan<byte> payload, long version, long timestamp)
    {
        var request = ShadowUpdateRequest.Parse(payload, _options, out _, out _)
            ?? throw new ArgumentException("The payload is not an update that was accepted.", nameof(payload));
        return AcceptedDocument(request, version, timestamp);
    }

    private static ReadOnlyMemory<byte> AcceptedDocument(ShadowUpdateRequest request, long version, long timestamp)
    {
        var acceptedState = new JsonObject();
        var acceptedMetadata = new JsonObject();
        if (request.HasDesired)
        {
            acceptedState["desired"] = request.Desired?.DeepClone();
            acceptedMetadata["desired"] = request.Desired is null ? new JsonObject { ["timestamp"] = timestamp } : JsonTree.PatchMetadata(request.Desired, timestamp);
        }

        if (request.HasReported)
        {
            acceptedState["reported"] = request.Reported?.DeepClone();
            acceptedMetadata["reported"] = request.Reported is null ? new JsonObject { ["timestamp"] = timestamp } : JsonTree.PatchMetadata(request.Reported, timestamp);
        }

        var accepted = new JsonObject
        {
            ["state"] = acceptedState,
            ["metadata"] = acceptedMetadata,
            ["version"] = version,
            ["timestamp"] = timestamp,
        };
        AddClientToken(accepted, request.ClientToken);
        return JsonUtf8.ToBytes(accepted);
    }

    private static void ApplySection(bool present, JsonObject? patch, ref JsonObject section, ref JsonObject metadata, long timestamp)
    {
        if (!present)
        {
            return;
        }

        if (patch is null)
        {
            section = [];
            metadata = [];
            return;
        }

        JsonTree.Merge(section, metadata, patch, timestamp);
    }

    private static ReadOnlyMemory<byte>? DeltaDocument(JsonObject desired, JsonObject reported, JsonObject desiredMetadata, long version, string? clientToken, DateTimeOffset now)
    {
        var delta = JsonTree.Delta(desired, reported);
        if (delta.Count == 0)
        {
            return null;
        }

        var document = new JsonObject
        {
            ["state"] = delta,
            ["metadata"] = JsonTree.MetadataOf(delta, desiredMetadata),
            ["version"] = version,
            ["timestamp"] = now.ToUnixTimeSeconds(),
        };
        AddClientToken(document, clientToken);
        return JsonUtf8.ToBytes(document);
    }

    private static JsonObject Document(JsonObject desired, JsonObject reported, JsonObject desiredMetadata, JsonObject reportedMetadata, long version) => new()
    {
        ["state"] = Sections(desired.DeepClone().AsObject(), reported.DeepClone().AsObject()),
        ["metadata"] = Sections(desiredMetadata.DeepClone().AsObject(), reportedMetadata.DeepClone().AsObject()),
        ["version"] = version,
    };

    private static JsonObject Sections(JsonObject desired, JsonObject reported)
    {
        var sections = new JsonObject();
        if (desired.Count > 0)
        {
            sections["desired"] = desired;
        }

        if (reported.Count > 0)
        {
            sections["reported"] = reported;
        }

        return sections;
    }

    private static ShadowUpdateOutcome Reject(ShadowState current, ShadowError error, string? clientToken, DateTimeOffset now) =>
        new(current, error, clientToken, ErrorDocument(error, clientToken, now), null, null);

    private static void AddClientToken(JsonObject document, string? clientToken)
    {
        if (clientToken is not null)
        {
            document["clientToken"] = clientToken;
        }
    }
}
