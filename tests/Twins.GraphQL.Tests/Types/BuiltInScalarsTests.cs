using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Tests.Types;

public sealed class BuiltInScalarsTests
{
    [Fact]
    public void DateTime_Serialize_WritesRfc3339WithZForUtc()
    {
        Assert.Equal("2025-01-02T03:04:05Z", BuiltInScalars.DateTime.Serialize(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        Assert.Equal("2025-01-02T03:04:05.5+02:00", BuiltInScalars.DateTime.Serialize(new DateTimeOffset(2025, 1, 2, 3, 4, 5, 500, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void DateTime_ParseValue_RejectsNonRfc3339()
    {
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.FromHours(1)), BuiltInScalars.DateTime.ParseValue("2024-02-29T12:00:00+01:00"));
        var error = Assert.Throws<GraphQLException>(() => BuiltInScalars.DateTime.ParseValue("2024-02-30T12:00:00Z"));
        Assert.Equal("DateTime cannot represent an invalid date-time string: \"2024-02-30T12:00:00Z\".", error.Message);
    }

    [Fact]
    public void Int_Serialize_RejectsFractionsAndOverflowLikeGraphQLJs()
    {
        Assert.Equal(3, BuiltInScalars.Int.Serialize(3.0));
        Assert.Equal("Int cannot represent non-integer value: 1.5", Assert.Throws<GraphQLException>(() => BuiltInScalars.Int.Serialize(1.5)).Message);
        Assert.Equal("Int cannot represent non 32-bit signed integer value: 3000000000", Assert.Throws<GraphQLException>(() => BuiltInScalars.Int.Serialize(3_000_000_000L)).Message);
    }

    [Fact]
    public void Id_Serialize_AcceptsStringsIntegersAndGuids()
    {
        var guid = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        Assert.Equal("42", BuiltInScalars.ID.Serialize(42));
        Assert.Equal("6f9619ff-8b86-d011-b42d-00c04fc964ff", BuiltInScalars.ID.Serialize(guid));
    }
}
