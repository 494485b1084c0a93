using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Twins.GraphQL.Tests")]
[assembly: InternalsVisibleTo("Twins.Bench")]
