// Person export: every interaction recorded for the person (channel, kind, product, time, source), oldest first.
MATCH (i:Interaction)-[:BY]->(:Person {oneId: $oneId})
RETURN i {.id, .channel, .kind, .productType, .at, .source} AS interaction
ORDER BY interaction.at, interaction.id
