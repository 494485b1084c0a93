using Twins.Grains.FleetIndex;
using Twins.Grains.Interfaces.Certificates;
using Twins.Grains.Provisioning;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;

namespace Twins.Silo.Api.Resolvers;

/// <summary>
/// Certificates (from their grains), a vehicle's certificates and rotation, the certificate mutations and
/// the provisioning allow-list. A certificate is visible to whoever may see its vehicle.
/// </summary>
internal static class CertificateResolvers
{
    public static void Register(SchemaBuilder schema)
    {
        schema.AddResolver("Query", "certificate", async c => await FindAsync(c, c.ArgumentValue<string>("id")).ConfigureAwait(false));
        schema.AddResolver("Query", "certificates", ListIndexedAsync);
        schema.AddResolver("Vehicle", "certificates", async c => await ListAsync(c, c.Parent<VehicleModel>().ThingName).ConfigureAwait(false));
        schema.AddResolver("Vehicle", "certificateRotation", async c =>
            await Grains(c).GetGrain<IVehicleCertificatesGrain>(c.Parent<VehicleModel>().ThingName).GetRotationAsync().ConfigureAwait(false));
        schema.AddResolver("Vehicle", "certificateStatus", c => c.Parent<VehicleModel>().Entry.CertificateStatus);
        schema.AddResolver("Vehicle", "certificateExpiry", c => c.Parent<VehicleModel>().Entry.CertificateExpiry);
        schema.AddResolver("Certificate", "id", c => NodeId.Encode(NodeId.Certificate, c.Parent<CertificateInfo>().CertificateId));

        schema.AddResolver("Mutation", "authorizeVehicle", c => AllowListAsync(c, add: true));
        schema.AddResolver("Mutation", "revokeVehicleAuthorization", c => AllowListAsync(c, add: false));
        schema.AddResolver("Mutation", "rotateCertificate", RotateAsync);
        schema.AddResolver("Mutation", "revokeCertificate", c => ChangeAsync(c, (grain, reason) => grain.RevokeAsync(reason)));
        schema.AddResolver("Mutation", "deactivateCertificate", c => ChangeAsync(c, (grain, reason) => grain.DeactivateAsync(reason)));
        foreach (var union in new[] { "AllowListError", "RotateCertificateError", "CertificateChangeError" })
        {
            schema.AddTypeResolver(union, (value, _) => value is IReadOnlyDictionary<string, object?> d ? d["__typename"] as string : null);
        }
    }

    /// <summary>By global id or certificate id; null when missing or its vehicle is not visible to the caller.</summary>
    public static async Task<CertificateInfo?> FindAsync(IResolverContext c, string id)
    {
        var certificateId = NodeId.TryDecode(id, out var type, out var key) && type == NodeId.Certificate ? key : id;
        if (certificateId.Length is 0 or > 128)
        {
            return null;
        }

        var info = await Grains(c).GetGrain<ICertificateGrain>(certificateId.ToLowerInvariant()).GetAsync().ConfigureAwait(false);
        var caller = FleetCaller.From(c.User);
        return info is null || caller.Role is null || (caller.Scope is not null && (info.ThingName is null || !caller.CanSee(info.ThingName))) ? null : info;
    }

    /// <summary>A keyset page of the certificate index, scoped like vehicles (an owner sees only their vehicles' certificates).</summary>
    private static async ValueTask<object?> ListIndexedAsync(IResolverContext c)
    {
        var caller = FleetCaller.From(c.User);
        var requested = FilterInput.CertificateOrder(c.Arguments.GetValueOrDefault("order") as IEnumerable<object?>);
        var order = FleetCursors.Effective(requested.Count > 0 ? requested : [new CertificateOrder(CertificateSortField.CreatedAt, Descending: true)]);
        var window = PageWindow.From(c);
        var query = new CertificateQuery(FilterInput.Certificate(FilterInput.Argument(c, "where")), order, window.Limit, caller.Scope)
        {
            After = FleetCursors.DecodeCertificate(window.After, order),
            Before = FleetCursors.DecodeCertificate(window.Before, order),
            FromEnd = window.FromEnd,
        };
        var page = await c.Services.GetRequiredService<IFleetIndex>().QueryCertificatesAsync(query, c.RequestAborted).ConfigureAwait(false);
        var (items, hasPrevious) = QueryResolvers.TrimToLast(page.Items, window, page.HasPreviousPage);
        return Connection.Create([.. items], [.. items.Select(i => FleetCursors.Encode(i, order))], page.TotalCount, hasPrevious, page.HasNextPage);
    }

    private static async Task<IReadOnlyList<CertificateInfo>> ListAsync(IResolverContext c, string thing) =>
        [.. (await Grains(c).GetGrain<IVehicleCertificatesGrain>(thing).ListAsync().ConfigureAwait(false)).OrderByDescending(i => i.CreatedAt)];

    private static async ValueTask<object?> AllowListAsync(IResolverContext c, bool add)
    {
        var vin = (string)FilterInput.Argument(c, "input")!["vin"]!;
        var field = add ? "added" : "removed";
        if (!FleetCaller.From(c.User).IsOperator)
        {
            return MutationResolvers.Payload("vin", null, MutationResolvers.Error("NotAuthorizedError", "Only operators manage the allow-list."));
        }

        if (VehicleNames.NormalizeVin(vin) is not { } normalized)
        {
            return MutationResolvers.Payload("vin", null, MutationResolvers.Error("InvalidInputError", "Not a VIN.", ("code", 400)));
        }

        var list = Grains(c).GetGrain<IVinAllowListGrain>(IVinAllowListGrain.DefaultKey);
        var changed = add ? await list.AddAsync([normalized]).ConfigureAwait(false) : await list.RemoveAsync([normalized]).ConfigureAwait(false);
        var payload = MutationResolvers.Payload("vin", normalized);
        payload[field] = changed > 0;
        return payload;
    }

    private static async ValueTask<object?> RotateAsync(IResolverContext c)
    {
        var input = FilterInput.Argument(c, "input")!;
        var thing = (string)input["thingName"]!;
        if (await QueryResolvers.FindVehicleAsync(c, thing).ConfigureAwait(false) is null)
        {
            return MutationResolvers.Payload("rotation", null, MutationResolvers.NotFound(thing));
        }

        var rotation = await Grains(c).GetGrain<IVehicleCertificatesGrain>(thing).RotateAsync(input.GetValueOrDefault("reason") as string ?? "requested through the API").ConfigureAwait(false);
        return rotation is null
            ? MutationResolvers.Payload("rotation", null, MutationResolvers.Error("InvalidInputError", "The vehicle has no active certificate to rotate.", ("code", 409)))
            : MutationResolvers.Payload("rotation", rotation);
    }

    private static async ValueTask<object?> ChangeAsync(IResolverContext c, Func<ICertificateGrain, string, Task<CertificateChangeResult>> change)
    {
        var input = FilterInput.Argument(c, "input")!;
        var id = (string)input["certificateId"]!;
        if (await FindAsync(c, id).ConfigureAwait(false) is not { } info)
        {
            return MutationResolvers.Payload("certificate", null, MutationResolvers.Error("CertificateNotFoundError", $"No certificate {id}.", ("certificateId", id)));
        }

        var result = await change(Grains(c).GetGrain<ICertificateGrain>(info.CertificateId), input.GetValueOrDefault("reason") as string ?? "requested through the API").ConfigureAwait(false);
        return result.Succeeded
            ? MutationResolvers.Payload("certificate", result.Certificate)
            : MutationResolvers.Payload("certificate", null, MutationResolvers.Error("InvalidInputError", result.ErrorMessage ?? result.ErrorCode!, ("code", 409)));
    }

    private static IGrainFactory Grains(IResolverContext c) => c.Services.GetRequiredService<IGrainFactory>();
}
