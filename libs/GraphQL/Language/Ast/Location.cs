namespace Twins.GraphQL.Language;

internal readonly record struct Location(int Start, int End, int Line, int Column);
