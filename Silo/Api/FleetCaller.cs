using System.Security.Claims;

namespace Twins.Silo.Api;

/// <summary>
/// Who is calling and what they may see: an operator or a service sees every vehicle, an owner only the
/// vehicles in the token's <c>vehicles</c> claim (others are reported as not found, never forbidden).
/// </summary>
internal sealed class FleetCaller
{
    public const string RoleClaim = "role";
    public const string VehiclesClaim = "vehicles";
    public const string Operator = "operator";
    public const string Owner = "owner";
    public const string Service = "service";

    private readonly HashSet<string>? _vehicles;

    private FleetCaller(string? role, HashSet<string>? vehicles)
    {
        Role = role;
        _vehicles = vehicles;
    }

    public string? Role { get; }

    public bool IsOperator => Role == Operator;

    /// <summary>The vehicles this caller may see, or <c>null</c> for all.</summary>
    public IReadOnlyCollection<string>? Scope => _vehicles;

    public static FleetCaller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return new FleetCaller(null, []);
        }

        var roles = user.FindAll(RoleClaim).Concat(user.FindAll(ClaimTypes.Role)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (roles.Contains(Operator))
        {
            return new FleetCaller(Operator, null);
        }

        if (roles.Contains(Service))
        {
            return new FleetCaller(Service, null);
        }

        if (roles.Contains(Owner))
        {
            return new FleetCaller(Owner, user.FindAll(VehiclesClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
        }

        return new FleetCaller(null, []);
    }

    public bool CanSee(string thingName) => _vehicles is null || _vehicles.Contains(thingName);
}
