using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Twins.Grains.FleetIndex;
using Twins.Silo.Api.Authentication;
using Twins.Testing;

namespace Twins.Silo.Tests;

/// <summary>
/// The execution timeout through HTTP, on a silo of its own (the test moves its clock and holds its store's
/// write lock): a mutation stuck behind the lock gets a GraphQL timeout error once 15 s pass on the clock.
/// </summary>
public sealed class FleetApiTimeoutTests(SiloFixture silo) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task Mutation_StuckPastTheExecutionTimeout_AnsweredWithATimeoutError()
    {
        const string Thing = "timeout-1";
        var now = silo.Time.GetUtcNow();
        await silo.App.Services.GetRequiredService<IFleetIndex>().UpsertVehicleAsync(new FleetVehicleState(Thing, null, false, now, 0, null, now));
        var token = silo.App.Services.GetRequiredService<ApiTokenIssuer>().IssueToken("test-operator", "operator", null, TimeSpan.FromHours(1));
        using var client = new FleetApiClient(silo.BaseAddress, token);

        // Another writer holds the store's write lock: the vehicle grain's state write waits on it.
        var database = Path.Combine(silo.App.Services.GetRequiredService<IConfiguration>()["Twins:DataDirectory"]!, "twins.db");
        await using var blocker = new SqliteConnection($"Data Source={database}");
        await blocker.OpenAsync();
        var transaction = blocker.BeginTransaction(deferred: false);
        try
        {
            var request = client.SendAsync($$"""mutation { publishCriticalMessage(input: { thingName: "{{Thing}}", payload: "stuck" }) { errors { __typename } } }""");
            await Poll.UntilAsync(() =>
            {
                silo.Time.Advance(TimeSpan.FromSeconds(4));
                return request.IsCompleted;
            }, "the execution timeout");

            var result = await request;
            Assert.Null(result["data"]);
            Assert.Equal("EXECUTION_TIMEOUT", (string)result["errors"]![0]!["extensions"]!["code"]!);
            Assert.Contains("execution timeout of 15 s", (string)result["errors"]![0]!["message"]!, StringComparison.Ordinal);
        }
        finally
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
        }

        // The silo keeps serving once the lock is gone.
        await Poll.UntilAsync(async () => (await client.SendAsync($$"""{ vehicle(thingName: "{{Thing}}") { criticalMessage { payload } } }"""))["data"]?["vehicle"]?["criticalMessage"] is not null, "the critical message to be written");
    }
}
