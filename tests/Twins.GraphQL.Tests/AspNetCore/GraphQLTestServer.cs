using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.GraphQL.AspNetCore;
using Twins.GraphQL.Execution;

namespace Twins.GraphQL.Tests.AspNetCore;

/// <summary>A real Kestrel server on 127.0.0.1 (free port) serving the shared test schema at /graphql.</summary>
public sealed class GraphQLTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GraphQLTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public Uri Endpoint => new(Address, "/graphql");

    public IServiceProvider Services => _app.Services;

    public static async Task<GraphQLTestServer> StartAsync(Action<GraphQLServerOptions>? configure = null, TimeProvider? timeProvider = null, Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddSingleton<BatchLog>();
        builder.Services.AddGraphQLServer()
            .ConfigureSchema(schema => TestSchema.Configure(schema))
            .AddDataLoader<PersonLoader>()
            .ConfigureSchema(schema => schema.AddObjectType("Query", d => d.Field("personByLoader")
                .Type("Person")
                .Argument("id", "ID!")
                .Resolve(async c => (object?)await c.DataLoader<PersonLoader>().LoadAsync(c.ArgumentValue<string>("id")))))
            .ConfigureSchema(schema => schema.AddObjectType("Subscription", d => d.Field("waitForever").Type("Int").Subscribe(c => WaitForever(c.RequestAborted))))
            .ConfigureSchema(schema => schema.AddObjectType("Query", d => d.Field("whoAmI").Type("String").Resolve(c => c.GetHttpContext()?.User.Identity?.Name ?? "anonymous")))
            .ModifyOptions(options => configure?.Invoke(options));
        var app = builder.Build();
        app.UseWebSockets();
        configureApp?.Invoke(app);
        app.MapGraphQL();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GraphQLTestServer(app, new Uri(address));
    }

    private static async IAsyncEnumerable<int> WaitForever([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Loads people by id in batches and remembers each batch's size.</summary>
    public sealed class PersonLoader(BatchLog log) : DataLoader<string, object>
    {
        protected override async Task<IReadOnlyDictionary<string, object>> FetchAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            await Task.Yield();
            log.Add(keys.Count);
            var result = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                result[key] = new Dictionary<string, object?> { ["__typename"] = "Person", ["id"] = key, ["name"] = "loaded " + key, ["friendIds"] = new List<object?>() };
            }

            return result;
        }
    }

    /// <summary>The batch sizes PersonLoader fetched, across requests.</summary>
    public sealed class BatchLog
    {
        private readonly List<int> _sizes = [];

        public void Add(int size)
        {
            lock (_sizes)
            {
                _sizes.Add(size);
            }
        }

        public int[] Sizes()
        {
            lock (_sizes)
            {
                return [.. _sizes];
            }
        }
    }
}
