namespace Twins.GraphQL.Language;

/// <summary>The kinds of lexical token in a GraphQL document.</summary>
internal enum TokenKind
{
    StartOfFile,
    EndOfFile,
    Bang,
    Dollar,
    Ampersand,
    LeftParenthesis,
    RightParenthesis,
    Spread,
    Colon,
    Equal,
    At,
    LeftBracket,
    RightBracket,
    LeftBrace,
    Pipe,
    RightBrace,
    Name,
    Integer,
    Float,
    String,
    BlockString,
}
