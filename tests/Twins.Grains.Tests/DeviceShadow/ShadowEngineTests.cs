using System.Text;
using System.Text.Json.Nodes;
using Twins.Grains.DeviceShadow;

namespace Twins.Grains.Tests.DeviceShadow;

public sealed class ShadowEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ShadowEngine _engine = new();

    private static string F(string template, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            template = template.Replace($"<{i}>", Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return template;
    }

    private static JsonObject Json(ReadOnlyMemory<byte> payload) => JsonNode.Parse(payload.Span)!.AsObject();

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected} but got {actual?.ToJsonString()}");

    private ShadowState Updated(ShadowState state, string json, DateTimeOffset? at = null)
    {
        var outcome = _engine.Update(state, Utf8(json), at ?? T0);
        Assert.True(outcome.IsAccepted, Encoding.UTF8.GetString(outcome.Reply.Span));
        return outcome.State;
    }

    private static void AssertRejected(ShadowUpdateOutcome outcome, int code, string message)
    {
        Assert.False(outcome.IsAccepted);
        var error = Json(outcome.Reply);
        Assert.Equal(code, (int)error["code"]!);
        Assert.Equal(message, (string)error["message"]!);
        Assert.Null(outcome.Delta);
        Assert.Null(outcome.Documents);
    }

    [Fact]
    public void Update_FirstUpdate_CreatesShadowAtVersionOne()
    {
        var outcome = _engine.Update(ShadowState.New(), Utf8("""{"state":{"reported":{"speed":10}}}"""), T0);

        Assert.True(outcome.IsAccepted);
        Assert.True(outcome.State.Exists);
        Assert.Equal(1, outcome.State.Version);
        var accepted = Json(outcome.Reply);
        AssertJson("""{"reported":{"speed":10}}""", accepted["state"]);
        AssertJson(F("""{"reported":{"speed":{"timestamp":<0>}}}""", T0.ToUnixTimeSeconds()), accepted["metadata"]);
        Assert.Equal(1, (long)accepted["version"]!);
        Assert.Equal(T0.ToUnixTimeSeconds(), (long)accepted["timestamp"]!);
        Assert.False(accepted.ContainsKey("clientToken"));
    }

    [Fact]
    public void Update_Accepted_EchoesOnlySectionsSent()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1}}}""");

        var outcome = _engine.Update(state, Utf8("""{"state":{"desired":{"b":2}}}"""), T0);

        var accepted = Json(outcome.Reply);
        AssertJson("""{"desired":{"b":2}}""", accepted["state"]);
        Assert.False(accepted["metadata"]!.AsObject().ContainsKey("reported"));
    }

    [Fact]
    public void Update_Fields_TouchesOnlyTheFieldsSent()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1,"b":{"c":2,"d":3}}}}""");
        state = Updated(state, """{"state":{"reported":{"b":{"c":20}}}}""");

        var document = Json(_engine.Get(state, "car", default, T0).Payload);

        AssertJson("""{"reported":{"a":1,"b":{"c":20,"d":3}}}""", document["state"]);
    }

    [Fact]
    public void Update_NullField_DeletesItAndItsMetadata()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1,"b":{"c":2,"d":3}}}}""");
        state = Updated(state, """{"state":{"reported":{"a":null,"b":{"c":null},"missing":null}}}""");

        var document = Json(_engine.Get(state, "car", default, T0).Payload);

        AssertJson("""{"reported":{"b":{"d":3}}}""", document["state"]);
        AssertJson(F("""{"reported":{"b":{"d":{"timestamp":<0>}}}}""", T0.ToUnixTimeSeconds()), document["metadata"]);
    }

    [Fact]
    public void Update_DeletingLastChild_RemovesTheEmptyParent()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1,"b":{"c":2}}}}""");
        state = Updated(state, """{"state":{"reported":{"b":{"c":null}}}}""");

        AssertJson("""{"reported":{"a":1}}""", Json(_engine.Get(state, "car", default, T0).Payload)["state"]);
    }

    [Fact]
    public void Update_DesiredNull_ClearsTheSection()
    {
        var state = Updated(ShadowState.New(), """{"state":{"desired":{"a":1,"b":2},"reported":{"a":0}}}""");

        var outcome = _engine.Update(state, Utf8("""{"state":{"desired":null}}"""), T0);

        Assert.True(outcome.IsAccepted);
        AssertJson("""{"desired":null}""", Json(outcome.Reply)["state"]);
        Assert.Null(outcome.Delta);
        var document = Json(_engine.Get(outcome.State, "car", default, T0).Payload);
        AssertJson("""{"reported":{"a":0}}""", document["state"]);
        Assert.False(document["metadata"]!.AsObject().ContainsKey("desired"));
    }

    [Fact]
    public void Update_BothSectionsCleared_ShadowStillExistsWithEmptyState()
    {
        var state = Updated(ShadowState.New(), """{"state":{"desired":{"a":1}}}""");
        state = Updated(state, """{"state":{"desired":null,"reported":null}}""");

        var reply = _engine.Get(state, "car", default, T0);

        Assert.True(reply.IsAccepted);
        AssertJson("{}", Json(reply.Payload)["state"]);
        Assert.Equal(2, (long)Json(reply.Payload)["version"]!);
    }

    [Fact]
    public void Update_EveryAcceptedUpdate_IncrementsVersion()
    {
        var state = ShadowState.New();
        for (var i = 1; i <= 5; i++)
        {
            state = Updated(state, F("""{"state":{"reported":{"n":<0>}}}""", i));
            Assert.Equal(i, state.Version);
        }
    }

    [Fact]
    public void Update_MatchingVersion_IsApplied()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1}}}""");

        var outcome = _engine.Update(state, Utf8("""{"state":{"reported":{"a":2}},"version":1}"""), T0);

        Assert.True(outcome.IsAccepted);
        Assert.Equal(2, outcome.State.Version);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(7)]
    public void Update_StaleOrFutureVersion_Is409AndChangesNothing(long version)
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1}}}""");

        var outcome = _engine.Update(state, Utf8(F("""{"state":{"reported":{"a":2}},"version":<0>,"clientToken":"t-9"}""", version)), T0);

        AssertRejected(outcome, 409, "Version conflict");
        Assert.Equal("t-9", (string)Json(outcome.Reply)["clientToken"]!);
        Assert.Same(state, outcome.State);
    }

    [Fact]
    public void Update_ClientToken_IsEchoedInAcceptedDeltaAndDocuments()
    {
        var outcome = _engine.Update(ShadowState.New(), Utf8("""{"state":{"desired":{"lock":true}},"clientToken":"abc-123"}"""), T0);

        Assert.Equal("abc-123", (string)Json(outcome.Reply)["clientToken"]!);
        Assert.Equal("abc-123", (string)Json(outcome.Delta!.Value)["clientToken"]!);
        Assert.Equal("abc-123", (string)Json(outcome.Documents!.Value)["clientToken"]!);
    }

    [Fact]
    public void GetAndDelete_ClientToken_IsEchoed()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1}}}""");

        Assert.Equal("g1", (string)Json(_engine.Get(state, "car", Utf8("""{"clientToken":"g1"}"""), T0).Payload)["clientToken"]!);
        Assert.Equal("d1", (string)Json(_engine.Delete(state, "car", Utf8("""{"clientToken":"d1"}"""), T0).Payload)["clientToken"]!);
        Assert.Equal("n1", (string)Json(_engine.Get(ShadowState.New(), "car", Utf8("""{"clientToken":"n1"}"""), T0).Payload)["clientToken"]!);
    }

    [Fact]
    public void Update_ClientTokenOf64Bytes_IsAccepted()
    {
        var token = new string('x', 64);

        var outcome = _engine.Update(ShadowState.New(), Utf8(F("""{"state":{"reported":{"a":1}},"clientToken":"<0>"}""", token)), T0);

        Assert.True(outcome.IsAccepted);
        Assert.Equal(token, (string)Json(outcome.Reply)["clientToken"]!);
    }

    [Theory]
    [InlineData("\"" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" + "\"")]
    [InlineData("\"ééééééééééééééééééééééééééééééééé\"")]
    [InlineData("12")]
    [InlineData("null")]
    [InlineData("{\"a\":1}")]
    public void Update_InvalidClientToken_Is400WithoutEcho(string token)
    {
        var outcome = _engine.Update(ShadowState.New(), Utf8(F("""{"state":{"reported":{"a":1}},"clientToken":<0>}""", token)), T0);

        AssertRejected(outcome, 400, "Invalid clientToken");
        Assert.False(Json(outcome.Reply).ContainsKey("clientToken"));
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("null")]
    [InlineData("true")]
    public void Update_InvalidVersion_Is400(string version)
    {
        var outcome = _engine.Update(ShadowState.New(), Utf8(F("""{"state":{"reported":{"a":1}},"version":<0>,"clientToken":"c"}""", version)), T0);

        AssertRejected(outcome, 400, "Invalid version");
        Assert.Equal("c", (string)Json(outcome.Reply)["clientToken"]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"state\":{\"reported\":{\"a\":1}}")]
    [InlineData("[1,2]")]
    [InlineData("\"state\"")]
    [InlineData("{\"state\":{},\"state\":{}}")]
    [InlineData("{'state':{}}")]
    public void Update_InvalidJson_Is400(string payload)
    {
        AssertRejected(_engine.Update(ShadowState.New(), Utf8(payload), T0), 400, "Invalid JSON");
    }

    [Fact]
    public void Update_NonUtf8_Is415()
    {
        byte[] payload = [.. Utf8("""{"state":{"reported":{"name":" """), 0xC3, 0x28, .. Utf8("\"}}}")];

        AssertRejected(_engine.Update(ShadowState.New(), payload, T0), 415, "Unsupported documented encoding; supported encoding is UTF-8");
    }

    [Fact]
    public void Update_MissingState_Is400()
    {
        AssertRejected(_engine.Update(ShadowState.New(), Utf8("""{"clientToken":"x"}"""), T0), 400, "Missing required node: state");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("1")]
    [InlineData("[]")]
    [InlineData("\"on\"")]
    public void Update_StateNotObject_Is400(string state)
    {
        AssertRejected(_engine.Update(ShadowState.New(), Utf8(F("""{"state":<0>}""", state)), T0), 400, "State node must be an object");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("[1]")]
    [InlineData("\"x\"")]
    [InlineData("false")]
    public void Update_DesiredOrReportedNotObject_Is400(string value)
    {
        AssertRejected(_engine.Update(ShadowState.New(), Utf8(F("""{"state":{"desired":<0>}}""", value)), T0), 400, "Desired node must be an object");
        AssertRejected(_engine.Update(ShadowState.New(), Utf8(F("""{"state":{"reported":<0>}}""", value)), T0), 400, "Reported node must be an object");
    }

    [Theory]
    [InlineData("""{"state":{"delta":{"a":1}}}""")]
    [InlineData("""{"state":{"reported":{"a":1},"extra":1}}""")]
    [InlineData("""{"state":{"reported":{"list":[1,null,3]}}}""")]
    public void Update_InvalidNode_Is400(string payload)
    {
        AssertRejected(_engine.Update(ShadowState.New(), Utf8(payload), T0), 400, "State contains an invalid node");
    }

    [Fact]
    public void Update_SixLevels_IsAcceptedAndSevenIsRejected()
    {
        const string six = """{"state":{"desired":{"l1":{"l2":{"l3":{"l4":{"l5":{"l6":1}}}}}}}}""";
        const string seven = """{"state":{"desired":{"l1":{"l2":{"l3":{"l4":{"l5":{"l6":{"l7":1}}}}}}}}}""";
        const string sevenWithArray = """{"state":{"reported":{"l1":{"l2":{"l3":{"l4":{"l5":{"l6":[1]}}}}}}}}""";

        Assert.True(_engine.Update(ShadowState.New(), Utf8(six), T0).IsAccepted);
        AssertRejected(_engine.Update(ShadowState.New(), Utf8(seven), T0), 400, "JSON contains too many levels of nesting; maximum is 6");
        AssertRejected(_engine.Update(ShadowState.New(), Utf8(sevenWithArray), T0), 400, "JSON contains too many levels of nesting; maximum is 6");
    }

    [Fact]
    public void Update_StateOver8KB_Is413()
    {
        var big = new string('a', 8 * 1024);

        AssertRejected(_engine.Update(ShadowState.New(), Utf8(F("""{"state":{"reported":{"blob":"<0>"}}}""", big)), T0), 413, "The payload exceeds the maximum size allowed");
    }

    [Fact]
    public void Update_ResultOver8KB_Is413AndStateUnchanged()
    {
        var half = new string('a', 4200);
        var state = Updated(ShadowState.New(), F("""{"state":{"desired":{"a":"<0>"}}}""", half));

        var outcome = _engine.Update(state, Utf8(F("""{"state":{"reported":{"b":"<0>"}}}""", half)), T0);

        AssertRejected(outcome, 413, "The payload exceeds the maximum size allowed");
        Assert.Same(state, outcome.State);
    }

    [Fact]
    public void Update_WhitespaceDoesNotCountTowardsTheLimit()
    {
        var value = new string('a', 8000);
        var padded = F("""{ "state" : { "reported" : { "a" : "<0>" } }<1> }""", value, new string(' ', 2000));

        Assert.True(_engine.Update(ShadowState.New(), Utf8(padded), T0).IsAccepted);
    }

    [Fact]
    public void Update_Delta_HoldsFullPathsToDifferingLeavesOnly()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"lights":{"front":"on","rear":"off"},"doors":{"locked":true},"odometer":100}}}""");

        var outcome = _engine.Update(state, Utf8("""{"state":{"desired":{"lights":{"front":"on","rear":"on"},"doors":{"locked":true},"climate":{"target":21}}}}"""), T0);

        AssertJson("""{"lights":{"rear":"on"},"climate":{"target":21}}""", Json(outcome.Delta!.Value)["state"]);
        var ts = T0.ToUnixTimeSeconds();
        AssertJson(F("""{"lights":{"rear":{"timestamp":<0>}},"climate":{"target":{"timestamp":<1>}}}""", ts, ts), Json(outcome.Delta!.Value)["metadata"]);
        Assert.Equal(2, (long)Json(outcome.Delta!.Value)["version"]!);
    }

    [Fact]
    public void Update_Delta_CarriesAllCurrentDifferencesNotOnlyThisUpdates()
    {
        var state = Updated(ShadowState.New(), """{"state":{"desired":{"a":1,"b":2}}}""");

        var outcome = _engine.Update(state, Utf8("""{"state":{"reported":{"a":1}}}"""), T0);

        AssertJson("""{"b":2}""", Json(outcome.Delta!.Value)["state"]);
    }

    [Fact]
    public void Update_DeltaEmpty_IsNotPublished()
    {
        var state = Updated(ShadowState.New(), """{"state":{"desired":{"a":1}}}""");

        var outcome = _engine.Update(state, Utf8("""{"state":{"reported":{"a":1,"extra":5}}}"""), T0);

        Assert.True(outcome.IsAccepted);
        Assert.Null(outcome.Delta);
    }

    [Fact]
    public void Update_FieldsOnlyInReported_AreNotInDelta()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"x":1,"y":{"z":2}}}}""");

        var outcome = _engine.Update(state, Utf8("""{"state":{"desired":{"w":0}}}"""), T0);

        AssertJson("""{"w":0}""", Json(outcome.Delta!.Value)["state"]);
    }

    [Fact]
    public void Update_ArraysAreValues_ComparedAndReplacedWhole()
    {
        var state = Updated(ShadowState.New(), """{"state":{"desired":{"stations":[1,2,3]},"reported":{"stations":[1,2,3]}}}""");
        var inSync = _engine.Update(state, Utf8("""{"state":{"reported":{"stations":[1,2,3]}}}"""), T0);
        Assert.Null(inSync.Delta);

        var changed = _engine.Update(inSync.State, Utf8("""{"state":{"desired":{"stations":[3]}}}"""), T0);

        AssertJson("""{"stations":[3]}""", Json(changed.Delta!.Value)["state"]);
        var document = Json(_engine.Get(changed.State, "car", default, T0).Payload);
        AssertJson("""{"desired":{"stations":[3]},"reported":{"stations":[1,2,3]},"delta":{"stations":[3]}}""", document["state"]);
        AssertJson(F("""{"stations":[{"timestamp":<0>}]}""", T0.ToUnixTimeSeconds()), document["metadata"]!["desired"]);
    }

    [Fact]
    public void Update_ArrayOfObjects_DifferingElementPutsWholeArrayInDelta()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"seats":[{"heat":1},{"heat":0}]}}}""");

        var outcome = _engine.Update(state, Utf8("""{"state":{"desired":{"seats":[{"heat":1},{"heat":2}]}}}"""), T0);

        AssertJson("""{"seats":[{"heat":1},{"heat":2}]}""", Json(outcome.Delta!.Value)["state"]);
    }

    [Fact]
    public void Update_ObjectDesiredAgainstScalarReported_PutsWholeObjectInDelta()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"mode":"eco"}}}""");

        var outcome = _engine.Update(state, Utf8("""{"state":{"desired":{"mode":{"name":"sport","level":2}}}}"""), T0);

        AssertJson("""{"mode":{"name":"sport","level":2}}""", Json(outcome.Delta!.Value)["state"]);
    }

    [Fact]
    public void Update_NumbersCompareByValue()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"t":21.0}}}""");

        Assert.Null(_engine.Update(state, Utf8("""{"state":{"desired":{"t":21}}}"""), T0).Delta);
    }

    [Fact]
    public void Update_Metadata_RecordsWhenEachLeafWasLastSet()
    {
        var t1 = T0.AddSeconds(30);
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1,"b":{"c":1,"d":1}}}}""", T0);
        state = Updated(state, """{"state":{"reported":{"b":{"c":2}}}}""", t1);

        var metadata = Json(_engine.Get(state, "car", default, t1).Payload)["metadata"];

        AssertJson(F("""{"reported":{"a":{"timestamp":<0>},"b":{"c":{"timestamp":<1>},"d":{"timestamp":<2>}}}}""", T0.ToUnixTimeSeconds(), t1.ToUnixTimeSeconds(), T0.ToUnixTimeSeconds()), metadata);
    }

    [Fact]
    public void Update_ReplacingAnObjectWithAScalar_ReplacesItsMetadata()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":{"timestamp":5}}}}""");
        state = Updated(state, """{"state":{"reported":{"a":3}}}""", T0.AddSeconds(1));

        var document = Json(_engine.Get(state, "car", default, T0).Payload);

        AssertJson("""{"reported":{"a":3}}""", document["state"]);
        AssertJson(F("""{"reported":{"a":{"timestamp":<0>}}}""", T0.ToUnixTimeSeconds() + 1), document["metadata"]);
    }

    [Fact]
    public void Update_Documents_HoldPreviousAndCurrent()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1}}}""");

        var outcome = _engine.Update(state, Utf8("""{"state":{"desired":{"a":2}},"clientToken":"k"}"""), T0.AddSeconds(5));

        var documents = Json(outcome.Documents!.Value);
        AssertJson("""{"reported":{"a":1}}""", documents["previous"]!["state"]);
        Assert.Equal(1, (long)documents["previous"]!["version"]!);
        AssertJson("""{"desired":{"a":2},"reported":{"a":1}}""", documents["current"]!["state"]);
        Assert.Equal(2, (long)documents["current"]!["version"]!);
        Assert.NotNull(documents["current"]!["metadata"]!["desired"]);
        Assert.Equal(T0.ToUnixTimeSeconds() + 5, (long)documents["timestamp"]!);
        Assert.Equal("k", (string)documents["clientToken"]!);
    }

    [Fact]
    public void Update_NewShadow_DocumentsHaveNoPrevious()
    {
        var documents = Json(_engine.Update(ShadowState.New(), Utf8("""{"state":{"reported":{"a":1}}}"""), T0).Documents!.Value);

        Assert.True(documents.ContainsKey("previous"));
        Assert.Null(documents["previous"]);
    }

    [Fact]
    public void Get_Existing_ReturnsDesiredReportedDeltaMetadataVersion()
    {
        var state = Updated(ShadowState.New(), """{"state":{"desired":{"a":2,"b":1},"reported":{"a":1,"b":1,"c":0}}}""");

        var reply = _engine.Get(state, "car", default, T0.AddSeconds(9));

        Assert.True(reply.IsAccepted);
        var document = Json(reply.Payload);
        AssertJson("""{"desired":{"a":2,"b":1},"reported":{"a":1,"b":1,"c":0},"delta":{"a":2}}""", document["state"]);
        Assert.Equal(1, (long)document["version"]!);
        Assert.Equal(T0.ToUnixTimeSeconds() + 9, (long)document["timestamp"]!);
        Assert.Equal(3, document["metadata"]!["reported"]!.AsObject().Count);
    }

    [Fact]
    public void Get_NoShadow_Is404NamingIt()
    {
        var classic = _engine.Get(ShadowState.New(), "Vehicle_1", default, T0);
        var named = _engine.Get(ShadowState.New("battery"), "Vehicle_1", default, T0);

        Assert.Equal(404, classic.Error!.Code);
        Assert.Equal("No shadow exists with name: 'Vehicle_1'", (string)Json(classic.Payload)["message"]!);
        Assert.Equal("No shadow exists with name: 'battery'", (string)Json(named.Payload)["message"]!);
    }

    [Fact]
    public void Delete_Existing_AcceptsWithVersionAndClearsState()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1}}}""");
        state = Updated(state, """{"state":{"reported":{"a":2}}}""");

        var reply = _engine.Delete(state, "car", default, T0.AddSeconds(3));

        Assert.True(reply.IsAccepted);
        AssertJson(F("""{"version":2,"timestamp":<0>}""", T0.ToUnixTimeSeconds() + 3), Json(reply.Payload));
        Assert.False(reply.State.Exists);
        Assert.Equal(404, _engine.Get(reply.State, "car", default, T0).Error!.Code);
        Assert.Equal(404, _engine.Delete(reply.State, "car", default, T0).Error!.Code);
    }

    [Fact]
    public void Delete_RecreatedWithin48Hours_ContinuesTheVersion()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1}}}""");
        state = Updated(state, """{"state":{"reported":{"old":1}}}""");
        var deleted = _engine.Delete(state, "car", default, T0).State;

        var recreated = _engine.Update(deleted, Utf8("""{"state":{"reported":{"a":5}}}"""), T0.AddHours(47));

        Assert.Equal(3, recreated.State.Version);
        var document = Json(_engine.Get(recreated.State, "car", default, T0).Payload);
        AssertJson("""{"reported":{"a":5}}""", document["state"]);
        Assert.Null(Json(recreated.Documents!.Value)["previous"]);
    }

    [Fact]
    public void Delete_RecreatedAfter48Hours_StartsAgainAtVersionOne()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1}}}""");
        state = Updated(state, """{"state":{"reported":{"a":2}}}""");
        var deleted = _engine.Delete(state, "car", default, T0).State;

        var recreated = _engine.Update(deleted, Utf8("""{"state":{"reported":{"a":5}}}"""), T0.AddHours(49));

        Assert.Equal(1, recreated.State.Version);
    }

    [Fact]
    public void Delete_RecreateWithVersion_ChecksAgainstTheContinuedVersion()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"a":1}}}""");
        var deleted = _engine.Delete(state, "car", default, T0).State;

        Assert.Equal(409, _engine.Update(deleted, Utf8("""{"state":{"reported":{"a":5}},"version":0}"""), T0).Error!.Code);
        Assert.True(_engine.Update(deleted, Utf8("""{"state":{"reported":{"a":5}},"version":1}"""), T0).IsAccepted);
    }

    [Fact]
    public void DeltaOnConnect_WithDifferences_ReturnsCurrentDelta()
    {
        var state = Updated(ShadowState.New(), """{"state":{"desired":{"lock":true,"temp":20},"reported":{"lock":false,"temp":20}}}""");

        var delta = ShadowEngine.DeltaOnConnect(state, T0);

        var document = Json(delta!.Value);
        AssertJson("""{"lock":true}""", document["state"]);
        Assert.Equal(1, (long)document["version"]!);
        Assert.False(document.ContainsKey("clientToken"));
    }

    [Fact]
    public void DeltaOnConnect_InSyncOrMissing_ReturnsNothing()
    {
        var state = Updated(ShadowState.New(), """{"state":{"desired":{"lock":true},"reported":{"lock":true}}}""");

        Assert.Null(ShadowEngine.DeltaOnConnect(state, T0));
        Assert.Null(ShadowEngine.DeltaOnConnect(ShadowState.New(), T0));
    }

    [Fact]
    public void UpdateDesired_FromApp_HasUpdateSemanticsAndVersionCheck()
    {
        var state = Updated(ShadowState.New(), """{"state":{"reported":{"lock":false}}}""");

        var conflict = _engine.UpdateDesired(state, new JsonObject { ["lock"] = true }, expectedVersion: 5, "app-1", T0);
        var accepted = _engine.UpdateDesired(state, new JsonObject { ["lock"] = true }, expectedVersion: 1, "app-1", T0);
        var cleared = _engine.UpdateDesired(accepted.State, null, expectedVersion: null, null, T0);

        Assert.Equal(409, conflict.Error!.Code);
        Assert.True(accepted.IsAccepted);
        AssertJson("""{"lock":true}""", Json(accepted.Delta!.Value)["state"]);
        Assert.Equal("app-1", (string)Json(accepted.Reply)["clientToken"]!);
        Assert.Null(ShadowEngine.DeltaOnConnect(cleared.State, T0));
        Assert.Equal(3, cleared.State.Version);
    }

    [Fact]
    public void NamedShadow_SharesTheLogicAndKeepsItsName()
    {
        var state = Updated(ShadowState.New("battery"), """{"state":{"reported":{"soc":80}}}""");

        Assert.Equal("battery", state.ShadowName);
        Assert.False(state.IsClassic);
        Assert.Equal("battery", _engine.Delete(state, "car", default, T0).State.ShadowName);
    }

    [Fact]
    public void ShadowState_RoundTripsThroughJson()
    {
        var state = Updated(ShadowState.New("n"), """{"state":{"desired":{"a":[1,2],"b":{"c":"x"}},"reported":{"a":[1]}}}""");

        var json = System.Text.Json.JsonSerializer.Serialize(state);
        var restored = System.Text.Json.JsonSerializer.Deserialize<ShadowState>(json)!;

        Assert.Equal(Encoding.UTF8.GetString(_engine.Get(state, "car", default, T0).Payload.Span), Encoding.UTF8.GetString(_engine.Get(restored, "car", default, T0).Payload.Span));
        Assert.Contains("\"Desired\":{\"a\":[1,2]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorDocument_HasCodeMessageTimestampAndClientToken()
    {
        var document = Json(ShadowEngine.ErrorDocument(ShadowError.TooManyRequests, "tok", T0));

        AssertJson(F("""{"code":429,"message":"Too Many Requests","timestamp":<0>,"clientToken":"tok"}""", T0.ToUnixTimeSeconds()), document);
    }
}
