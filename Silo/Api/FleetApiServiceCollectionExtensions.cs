using Twins.GraphQL.AspNetCore;
using Twins.GraphQL.Types;
using Twins.Silo.Api.Authentication;
using Twins.Silo.Api.Resolvers;

namespace Twins.Silo.Api;

/// <summary>Registers and maps the fleet GraphQL API (schema, resolvers, authentication, limits).</summary>
internal static class FleetApiServiceCollectionExtensions
{
    public const string Path = "/graphql";

    /// <summary>The schema's SDL (the embedded <c>FleetSchema.graphql</c>).</summary>
    public static string Sdl { get; } = ReadSdl();

    public static IServiceCollection AddFleetApi(this IServiceCollection services, string dataDirectory)
    {
        services.AddApiAuthentication(dataDirectory);
        services.AddGraphQLServer()
            .AddTypeDefinitions(Sdl)
            .ConfigureSchema(Configure)
            .ModifyOptions(o =>
            {
                o.MaxDepth = 15; // graphql-js's full introspection query needs 15
                o.MaxCost = 5_000;
                o.ExecutionTimeout = TimeSpan.FromSeconds(15);
                o.IntrospectionPolicy = user => FleetCaller.From(user).Role is not null;
                o.WebSocketConnect = AuthenticateWebSocketAsync;
                // /graphql#token=... (the link ./twins run prints and the console's) opens GraphiQL signed in.
                o.GraphiQLAuthorizationFragment = "token";
            });
        return services;
    }

    public static void Configure(SchemaBuilder schema)
    {
        schema.AddScalarType(LongScalar.Instance);
        schema.AddResolver("Query", "vehicle", QueryResolvers.VehicleAsync);
        schema.AddResolver("Query", "vehicles", QueryResolvers.VehiclesAsync);
        schema.AddResolver("Query", "commandExecution", QueryResolvers.CommandExecutionAsync);
        schema.AddResolver("Query", "node", QueryResolvers.NodeAsync);
        schema.AddResolver("Query", "nodes", QueryResolvers.NodesAsync);
        schema.AddResolver("Query", "fleetSummary", QueryResolvers.FleetSummaryAsync);
        schema.AddResolver("FleetSummary", "total", c => c.Parent<FleetSummaryModel>().Counts.Total);
        schema.AddResolver("FleetSummary", "connected", c => c.Parent<FleetSummaryModel>().Counts.Connected);
        schema.AddResolver("FleetSummary", "disconnected", c => c.Parent<FleetSummaryModel>().Counts.Total - c.Parent<FleetSummaryModel>().Counts.Connected);
        schema.AddResolver("FleetSummary", "vehiclesByCertificateStatus", c => QueryResolvers.StatusCounts(c.Parent<FleetSummaryModel>().Counts.ByCertificateStatus));
        schema.AddResolver("FleetSummary", "byCommandStatus", c => QueryResolvers.StatusCounts(c.Parent<FleetSummaryModel>().Counts.ByCommandStatus));
        schema.AddResolver("FleetSummary", "byCertificateStatus", c => QueryResolvers.CertificateCountsAsync(c, expiring: false));
        schema.AddResolver("FleetSummary", "certificatesExpiring", c => QueryResolvers.CertificateCountsAsync(c, expiring: true));
        schema.AddTypeResolver("Node", (value, _) => value switch
        {
            VehicleModel => "Vehicle",
            CommandModel => "CommandExecution",
            Grains.Interfaces.Certificates.CertificateInfo => "Certificate",
            _ => null,
        });
        VehicleResolvers.Register(schema);
        MutationResolvers.Register(schema);
        SubscriptionResolvers.Register(schema);
        CertificateResolvers.Register(schema);
    }

    public static WebApplication MapFleetApi(this WebApplication app)
    {
        app.UseApiAuthentication();
        app.UseWebSockets();
        app.MapGraphQL(Path);
        return app;
    }

    /// <summary>Browsers cannot set headers on a WebSocket: a token may come in <c>connection_init</c>'s <c>authorization</c> instead.</summary>
    private static async ValueTask<bool> AuthenticateWebSocketAsync(HttpContext http, IReadOnlyDictionary<string, object?>? payload)
    {
        if (FleetCaller.From(http.User).Role is not null)
        {
            return true;
        }

        var principal = await http.RequestServices.GetRequiredService<ConnectionInitAuthenticator>().AuthenticateAsync(payload, http.RequestAborted).ConfigureAwait(false);
        if (principal is null || FleetCaller.From(principal).Role is null)
        {
            return false;
        }

        http.User = principal;
        return true;
    }

    private static string ReadSdl()
    {
        using var stream = typeof(FleetApiServiceCollectionExtensions).Assembly.GetManifestResourceStream("Twins.Silo.Api.FleetSchema.graphql")
            ?? throw new InvalidOperationException("FleetSchema.graphql is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
