using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Twins.GraphQL.AspNetCore;
using Twins.GraphQL.Execution;

namespace Twins.GraphQL.Tests.AspNetCore;

public sealed class GraphQLServiceCollectionExtensionsTests
{
    [Fact]
    public void AddGraphQLServer_BindsTheGraphQLSection()
    {
        using var services = BuildServices(new Dictionary<string, string?> { ["GraphQL:MaxDepth"] = "7", ["GraphQL:ExecutionTimeout"] = "00:00:05" });
        var executor = services.GetRequiredService<RequestExecutor>();
        Assert.Equal(7, executor.Options.MaxDepth);
        Assert.Equal(TimeSpan.FromSeconds(5), executor.Options.ExecutionTimeout);
        Assert.Equal("Query", executor.Schema.QueryType.Name);
    }

    [Fact]
    public async Task Start_WithOutOfRangeSetting_FailsNamingTheSetting()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["GraphQL:MaxCost"] = "0" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddGraphQLServer().AddTypeDefinitions("type Query { a: Int }");
        await using var app = builder.Build();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        Assert.Equal("GraphQL:MaxCost must be at least 1.", error.Message);
    }

    private static ServiceProvider BuildServices(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddGraphQLServer().AddTypeDefinitions("type Query { a: Int }");
        return services.BuildServiceProvider();
    }
}
