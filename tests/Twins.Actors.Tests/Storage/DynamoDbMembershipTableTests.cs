using Twins.Actors.Membership;
using Twins.Actors.Storage.DynamoDb;
using Twins.Actors.Tests.Cluster;
using Twins.Testing;

namespace Twins.Actors.Tests.Storage;

public sealed class DynamoDbMembershipTableTests(DynaliteFixture dynalite) : MembershipTableTests, IClassFixture<DynaliteFixture>
{
    protected override Task<IMembershipTable> CreateTableAsync() =>
        Task.FromResult<IMembershipTable>(new DynamoDbMembershipTable("test", new DynamoDbOptions { CreateClient = dynalite.Server.CreateClient, TableName = $"members-{Guid.NewGuid():N}" }));
}
