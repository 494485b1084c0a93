using Twins.Actors.Membership;

namespace Twins.Actors.Tests.Cluster;

public sealed class MemoryMembershipTableTests : MembershipTableTests
{
    protected override Task<IMembershipTable> CreateTableAsync() => Task.FromResult<IMembershipTable>(new MemoryMembershipTable());
}
