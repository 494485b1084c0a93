using System.Text.Json;
using Twins.Grains.Commands;
using Twins.Grains.Interfaces.Vehicles;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;

namespace Twins.Silo.Api.Resolvers;

/// <summary>The <c>Mutation</c> fields: one <c>input</c>, a payload with a typed <c>errors</c> list (HotChocolate's mutation conventions).</summary>
internal static class MutationResolvers
{
    private const int ShadowVersionConflict = 409;

    public static void Register(SchemaBuilder schema)
    {
        schema.AddResolver("Mutation", "updateDesiredState", UpdateDesiredStateAsync);
        schema.AddResolver("Mutation", "sendCommand", SendCommandAsync);
        schema.AddResolver("Mutation", "cancelCommand", CancelCommandAsync);
        schema.AddResolver("Mutation", "publishCriticalMessage", PublishCriticalMessageAsync);
        schema.AddResolver("Mutation", "clearCriticalMessage", ClearCriticalMessageAsync);
        foreach (var union in new[] { "Error", "UpdateDesiredStateError", "SendCommandError", "CancelCommandError", "PublishCriticalMessageError", "ClearCriticalMessageError" })
        {
            schema.AddTypeResolver(union, (value, _) => value is IReadOnlyDictionary<string, object?> d ? d["__typename"] as string : null);
        }
    }

    private static async ValueTask<object?> UpdateDesiredStateAsync(IResolverContext c)
    {
        var input = FilterInput.Argument(c, "input")!;
        var thing = (string)input["thingName"]!;
        if (await FindAsync(c, thing).ConfigureAwait(false) is not { } grain)
        {
            return Payload("shadow", null, NotFound(thing));
        }

        var shadowName = input.GetValueOrDefault("shadowName") as string;
        var desired = input.GetValueOrDefault("desired");
        var expected = input.GetValueOrDefault("expectedVersion") is { } v ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : (long?)null;
        var result = await grain.UpdateDesiredAsync(shadowName, desired is null ? null : JsonSerializer.Serialize(desired), expected, input.GetValueOrDefault("clientToken") as string).ConfigureAwait(false);
        if (!result.Accepted)
        {
            return Payload("shadow", null, result.ErrorCode == ShadowVersionConflict && expected is { } e
                ? Error("VersionConflictError", result.ErrorMessage ?? "Version conflict", ("expectedVersion", e))
                : Error("InvalidInputError", result.ErrorMessage ?? "Rejected", ("code", result.ErrorCode)));
        }

        var shadow = await grain.GetShadowAsync(shadowName).ConfigureAwait(false);
        return Payload("shadow", ShadowModel.Parse(shadowName, shadow.Document));
    }

    private static async ValueTask<object?> SendCommandAsync(IResolverContext c)
    {
        var input = FilterInput.Argument(c, "input")!;
        var thing = (string)input["thingName"]!;
        if (await FindAsync(c, thing).ConfigureAwait(false) is not { } grain)
        {
            return Payload("commandExecution", null, NotFound(thing));
        }

        var timeout = input.GetValueOrDefault("timeout") is { } t ? Convert.ToInt32(t, System.Globalization.CultureInfo.InvariantCulture) : 60;
        if (timeout is < 1 or > 86_400)
        {
            return Payload("commandExecution", null, Error("InvalidInputError", "timeout must be between 1 and 86400 seconds.", ("code", 400)));
        }

        var executionId = input.GetValueOrDefault("executionId") as string ?? Guid.NewGuid().ToString("N");
        var parameters = input.GetValueOrDefault("parameters") is { } p ? JsonSerializer.Serialize(p) : null;
        var now = c.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var result = await grain.SendCommandAsync(new CommandRequest(executionId, (string)input["command"]!, parameters, now.AddSeconds(timeout))).ConfigureAwait(false);
        return result.Execution is { } execution
            ? Payload("commandExecution", new CommandModel(thing, execution))
            : Payload("commandExecution", null, Error("InvalidInputError", result.Error ?? "Rejected", ("code", 400)));
    }

    private static async ValueTask<object?> CancelCommandAsync(IResolverContext c)
    {
        var input = FilterInput.Argument(c, "input")!;
        var thing = (string)input["thingName"]!;
        var executionId = (string)input["executionId"]!;
        if (await FindAsync(c, thing).ConfigureAwait(false) is not { } grain)
        {
            return Payload("commandExecution", null, NotFound(thing));
        }

        if (executionId.Length == 0)
        {
            return Payload("commandExecution", null, CommandNotFound(thing, executionId));
        }

        var result = await grain.CancelCommandAsync(executionId).ConfigureAwait(false);
        return (result.Outcome, result.Execution) switch
        {
            (CommandCancelOutcome.Canceled, { } execution) => Payload("commandExecution", new CommandModel(thing, execution)),
            (CommandCancelOutcome.NotCancelable, { } execution) => Payload(
                "commandExecution",
                new CommandModel(thing, execution),
                Error("CommandNotCancelableError", $"Execution {executionId} is {execution.Status.ToWireName()}: only a QUEUED execution can be canceled.", ("executionId", executionId), ("status", execution.Status.ToWireName()))),
            _ => Payload("commandExecution", null, CommandNotFound(thing, executionId)),
        };
    }

    private static Dictionary<string, object?> CommandNotFound(string thing, string executionId) =>
        Error("CommandExecutionNotFoundError", $"No command execution {executionId} on vehicle {thing}.", ("thingName", thing), ("executionId", executionId));

    private static async ValueTask<object?> PublishCriticalMessageAsync(IResolverContext c)
    {
        var input = FilterInput.Argument(c, "input")!;
        var thing = (string)input["thingName"]!;
        if (await FindAsync(c, thing).ConfigureAwait(false) is not { } grain)
        {
            return Payload("criticalMessage", null, NotFound(thing));
        }

        var payload = (string)input["payload"]!;
        var expiresIn = input.GetValueOrDefault("expiresIn") is { } e ? Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) : 3600;
        if (payload.Length == 0 || expiresIn <= 0)
        {
            return Payload("criticalMessage", null, Error("InvalidInputError", "payload must not be empty and expiresIn must be positive.", ("code", 400)));
        }

        var now = c.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        return Payload("criticalMessage", await grain.SendCriticalMessageAsync(new CriticalMessage(payload, now.AddSeconds(expiresIn))).ConfigureAwait(false));
    }

    private static async ValueTask<object?> ClearCriticalMessageAsync(IResolverContext c)
    {
        var thing = (string)FilterInput.Argument(c, "input")!["thingName"]!;
        if (await FindAsync(c, thing).ConfigureAwait(false) is not { } grain)
        {
            return Payload("thingName", null, NotFound(thing));
        }

        await grain.SendCriticalMessageAsync(new CriticalMessage("", DateTimeOffset.MinValue)).ConfigureAwait(false);
        return Payload("thingName", thing);
    }

    private static async Task<IVehicleGrain?> FindAsync(IResolverContext c, string thing) =>
        await QueryResolvers.FindVehicleAsync(c, thing).ConfigureAwait(false) is null
            ? null
            : c.Services.GetRequiredService<IGrainFactory>().GetGrain<IVehicleGrain>(thing);

    public static Dictionary<string, object?> NotFound(string thing) => Error("VehicleNotFoundError", $"No vehicle {thing}.", ("thingName", thing));

    public static Dictionary<string, object?> Error(string type, string message, params (string Name, object? Value)[] fields)
    {
        var error = new Dictionary<string, object?>(StringComparer.Ordinal) { ["__typename"] = type, ["message"] = message };
        foreach (var (name, value) in fields)
        {
            error[name] = value;
        }

        return error;
    }

    public static Dictionary<string, object?> Payload(string field, object? value, Dictionary<string, object?>? error = null) =>
        new(StringComparer.Ordinal) { [field] = value, ["errors"] = error is null ? null : new List<object> { error } };
}
