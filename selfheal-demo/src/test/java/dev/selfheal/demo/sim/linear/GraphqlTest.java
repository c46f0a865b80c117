package dev.selfheal.demo.sim.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.demo.sim.SimJson;
import org.junit.jupiter.api.Test;

class GraphqlTest {

    @Test
    void a_named_mutation_with_variables_and_aliases_is_read_with_its_input_resolved() {
        Graphql.Operation op = Graphql.parse("""
                mutation CreateIssue($input: IssueCreateInput!) {
                  created: issueCreate(input: $input) { success issue { id identifier } }
                }""", SimJson.parse("{\"input\":{\"teamId\":\"t1\",\"title\":\"Hi\"}}", "test"));

        assertThat(op.type()).isEqualTo("mutation");
        Graphql.Field field = op.selections().get(0);
        assertThat(field.responseKey()).isEqualTo("created");
        assertThat(field.name()).isEqualTo("issueCreate");
        assertThat(field.arguments().get("input").get("title").asText()).isEqualTo("Hi");
        assertThat(field.selections()).extracting(Graphql.Field::name).containsExactly("success", "issue");
    }

    @Test
    void inline_literals_of_every_kind_are_read() {
        Graphql.Operation op = Graphql.parse(
                "mutation { issueCreate(input: {teamId: \"t\\\"1\", priority: 2, estimate: 1.5, labelIds: [\"a\", \"b\"], draft: false,"
                        + " parentId: null, sort: ASC}) { success } }", null);

        var input = op.selections().get(0).arguments().get("input");
        assertThat(input.get("teamId").asText()).isEqualTo("t\"1");
        assertThat(input.get("priority").asLong()).isEqualTo(2);
        assertThat(input.get("estimate").asDouble()).isEqualTo(1.5);
        assertThat(input.get("labelIds")).hasSize(2);
        assertThat(input.get("draft").asBoolean()).isFalse();
        assertThat(input.get("parentId").isNull()).isTrue();
        assertThat(input.get("sort").asText()).isEqualTo("ASC");
    }

    @Test
    void a_syntax_error_names_its_line_and_column() {
        assertThatThrownBy(() -> Graphql.parse("{\n  viewer { id \n", null))
                .isInstanceOf(GraphqlError.class)
                .hasMessageContaining("Syntax Error: Expected \"}\", found <EOF>")
                .satisfies(e -> assertThat(((GraphqlError) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> Graphql.parse("query { ...F }", null)).hasMessageContaining("fragment spreads are not supported");
        assertThatThrownBy(() -> Graphql.parse("mutation($i: X) { issueCreate(input: $i) { success } }", null))
                .hasMessageContaining("Variable \"$i\" was not provided.");
    }

    @Test
    void a_projection_answers_only_the_selected_fields_and_refuses_unknown_ones() {
        LinearIssues issues = new LinearIssues(java.time.InstantSource.fixed(java.time.Instant.EPOCH), 1, 0);
        Graphql.Operation op = Graphql.parse("{ viewer { id who: name __typename } }", null);

        var viewer = Projection.project(issues.viewer(), op.selections().get(0).selections());

        assertThat(viewer.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("id", "who", "__typename");
        assertThat(viewer.get("__typename").asText()).isEqualTo("User");
        assertThatThrownBy(() -> Projection.project(issues.viewer(), Graphql.parse("{ viewer { shoeSize } }", null)
                .selections().get(0).selections()))
                .hasMessage("Cannot query field \"shoeSize\" on type \"User\".");
    }
}
