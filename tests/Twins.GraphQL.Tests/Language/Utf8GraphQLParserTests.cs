using System.Text;
using Twins.GraphQL.Language;

namespace Twins.GraphQL.Tests.Language;

public sealed class Utf8GraphQLParserTests
{
    [Fact]
    public void Parse_HugelyNestedSelections_SyntaxErrorNotStackOverflow()
    {
        var depth = 200_000;
        var query = string.Concat(Enumerable.Repeat("{a", depth)) + new string('}', depth);
        var error = Assert.Throws<GraphQLSyntaxException>(() => Utf8GraphQLParser.Parse(query, new ParserOptions(MaxTokens: int.MaxValue)));
        Assert.Equal($"Document exceeds the maximum nesting depth of {ParserOptions.DefaultMaxDepth}.", error.Description);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Parse_HugelyNestedListValue_SyntaxErrorNotStackOverflow()
    {
        var query = "{ f(a: " + new string('[', 100_000) + new string(']', 100_000) + ") }";
        var error = Assert.Throws<GraphQLSyntaxException>(() => Utf8GraphQLParser.Parse(query, new ParserOptions(MaxTokens: int.MaxValue)));
        Assert.StartsWith("Document exceeds the maximum nesting depth", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HugelyNestedListType_SyntaxErrorNotStackOverflow()
    {
        var query = "query ($v: " + new string('[', 50_000) + "Int" + new string(']', 50_000) + ") { f }";
        Assert.Throws<GraphQLSyntaxException>(() => Utf8GraphQLParser.Parse(query, new ParserOptions(MaxTokens: int.MaxValue)));
    }

    [Fact]
    public void Parse_MoreTokensThanLimit_SyntaxErrorAtTheFirstTokenOver()
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Utf8GraphQLParser.Parse("{ a b c d }", new ParserOptions(MaxTokens: 4)));
        Assert.Equal("Document contains more that 4 tokens. Parsing aborted.", error.Description);
        Assert.Equal(9, error.Column);
    }

    [Fact]
    public void Parse_NonAsciiBeforeError_ColumnCountsUtf16UnitsLikeGraphQLJs()
    {
        var error = Assert.Throws<GraphQLSyntaxException>(() => Utf8GraphQLParser.Parse("{ a(s: \"é😀\") ? }"));
        Assert.Equal("Unexpected character: \"?\".", error.Description);
        Assert.Equal(15, error.Column);
    }

    [Fact]
    public void Parse_FieldAfterMultibyteString_LocationColumnInUtf16Units()
    {
        var document = Utf8GraphQLParser.Parse("{ a(s: \"ééé\") b }");
        var set = ((OperationDefinitionNode)document.Definitions[0]).SelectionSet;
        Assert.Equal(new Location(17, 18, 1, 15), set.Selections[1].Location);
    }

    [Fact]
    public void Parse_ManyTokensAfterLongNonAsciiString_ColumnsStayExact()
    {
        var text = new string('é', 20_000);
        var query = "{ a(s: \"" + text + "\") " + string.Join(" ", Enumerable.Range(0, 3000).Select(i => "f" + i)) + " }";
        var document = Utf8GraphQLParser.Parse(query);
        var last = ((OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections[^1];
        Assert.Equal(query.LastIndexOf("f2999", StringComparison.Ordinal) + 1, last.Location.Column);
    }

    [Fact]
    public void Parse_Utf8Bytes_WithBomAndCrLf_TracksLines()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\r\n  a\r\n  b\r\n}")).ToArray();
        var document = Utf8GraphQLParser.Parse(bytes);
        var b = ((OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections[1];
        Assert.Equal(3, b.Location.Line);
        Assert.Equal(3, b.Location.Column);
    }

    [Fact]
    public void Parse_BlockString_DedentsAsTheSpecSays()
    {
        var document = Utf8GraphQLParser.Parse("{ f(s: \"\"\"\n    first\n      indented\n    last\n  \"\"\") }");
        var field = (FieldNode)((OperationDefinitionNode)document.Definitions[0]).SelectionSet.Selections[0];
        Assert.Equal("first\n  indented\nlast", ((StringValueNode)field.Arguments[0].Value).Value);
    }

    [Fact]
    public void Parse_UnicodeEscapes_DecodeVariableWidthAndSurrogatePairs()
    {
        var value = Utf8GraphQLParser.ParseValue("\"\\u{1F600} \\uD83D\\uDE00 \\u00e9\"");
        Assert.Equal("😀 😀 é", ((StringValueNode)value).Value);
    }

    [Fact]
    public void Print_ThenParse_RoundTripsTheSameText()
    {
        const string source = "query Q($a: [Int!] = [1, 2], $b: In = {x: \"y\"}) @d { alias: f(a: $a, b: ENUM, c: null, d: 1.5e3) @skip(if: true) { ...F ... on T { g } } } fragment F on T { h }";
        var printed = SyntaxPrinter.Print(Utf8GraphQLParser.Parse(source));
        Assert.Equal(printed, SyntaxPrinter.Print(Utf8GraphQLParser.Parse(printed)));
        Assert.Contains("alias: f(a: $a, b: ENUM, c: null, d: 1.5e3) @skip(if: true)", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseValue_VariableInConstContext_IsAllowedOutsideDefaults()
    {
        Assert.IsType<VariableNode>(Utf8GraphQLParser.ParseValue("$x"));
        var error = Assert.Throws<GraphQLSyntaxException>(() => Utf8GraphQLParser.Parse("query ($a: Int = $b) { f }"));
        Assert.Equal("Unexpected variable \"$b\" in constant value.", error.Description);
    }

    [Fact]
    public void Parse_OperationDescription_IsAcceptedAsInTheSeptember2025Spec()
    {
        var document = Utf8GraphQLParser.Parse("\"Finds a vehicle.\" query Find { f }");
        Assert.Equal("Finds a vehicle.", ((OperationDefinitionNode)document.Definitions[0]).Description!.Value);
    }
}
