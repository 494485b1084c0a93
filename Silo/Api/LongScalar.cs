using System.Globalization;
using Twins.GraphQL.Execution;
using Twins.GraphQL.Types;

namespace Twins.Silo.Api;

/// <summary>The <c>Long</c> scalar (64-bit integers, as HotChocolate names it).</summary>
internal sealed class LongScalar : ScalarType
{
    private LongScalar()
        : base("Long", "A 64-bit integer.")
    {
    }

    public static LongScalar Instance { get; } = new();

    public override object? Serialize(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public override object? ParseValue(object value) => value switch
    {
        long l => l,
        int i => (long)i,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9.2e18 => (long)d,
        string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new GraphQLException("Long cannot represent " + value + ".", "INVALID_VALUE"),
    };
}
