// One page of the rows behind a dashboard figure ($metric), over the invitations matching a
// ReferralFilter (as breakdown.cypher), in the order of invitation sentAt then id, starting
// after ($afterSentAt, $afterId) ('' and '': from the start), at most $limit rows (parameters
// as in breakdown.cypher: '' is no constraint). Read in sentAt order from the sentAt index
// ($lo: the later of filter.from and the cursor; $hi: filter.to, or '9' above every instant:
// one range, whose index order serves the ORDER BY), so a page reads
// about as many invitations as it returns when the figure is large. Rows per metric
// (totalCount is the matching figure of breakdown.cypher):
// - INVITED / ACCEPTED / CONVERTED: the matching invitations of that status (any, ACCEPTED or
//   CONVERTED, CONVERTED); the person is the invitee (null when nobody accepted);
// - PARTICIPANTS: each inviter once, with the earliest matching invitation it sent;
// - NEW_PEOPLE: each invitee of a matching ACCEPTED or CONVERTED invitation once, with the
//   earliest such invitation (the one that brought it in);
// - SPREADERS: those new people who sent an invitation of their own (any campaign, any time).
// advisorId: of the person's household; for a null person, of the inviter's household.
MATCH (i:Invitation)
WHERE i.sentAt >= $lo AND i.sentAt < $hi
  AND ($campaign = '' OR i.campaign = $campaign)
  AND ($channel = '' OR i.channel = $channel)
  AND ($advisorId = '' OR i.advisorId = $advisorId)
  AND (NOT $isWithoutCampaign OR i.campaign IS NULL)
  AND (NOT $isWithoutAdvisor OR i.advisorId IS NULL)
WITH i ORDER BY i.sentAt, i.id
// after the cursor ($lo is at least its sentAt): kept out of the index seek, which stays one range
WITH i WHERE i.sentAt > $afterSentAt OR i.id > $afterId
MATCH (i)-[:INVITER]->(inviter:Person)
WHERE $generation = 'ALL' OR EXISTS { (inviter)<-[:REFERRED]-(:Person) } = ($generation = 'SECOND')
OPTIONAL MATCH (i)-[:INVITEE]->(invitee:Person)
WITH i, inviter, invitee
WHERE CASE $metric
  WHEN 'INVITED' THEN true
  WHEN 'ACCEPTED' THEN i.status IN ['ACCEPTED', 'CONVERTED']
  WHEN 'CONVERTED' THEN i.status = 'CONVERTED'
  WHEN 'PARTICIPANTS' THEN NOT EXISTS {
    MATCH (inviter)<-[:INVITER]-(j:Invitation)
    WHERE (j.sentAt < i.sentAt OR (j.sentAt = i.sentAt AND j.id < i.id))
      AND ($campaign = '' OR j.campaign = $campaign)
      AND ($channel = '' OR j.channel = $channel)
      AND ($advisorId = '' OR j.advisorId = $advisorId)
      AND (NOT $isWithoutCampaign OR j.campaign IS NULL)
      AND (NOT $isWithoutAdvisor OR j.advisorId IS NULL)
      AND j.sentAt >= $from AND j.sentAt < $hi
  }
  ELSE i.status IN ['ACCEPTED', 'CONVERTED'] AND invitee IS NOT NULL
    AND ($metric <> 'SPREADERS' OR EXISTS { (invitee)<-[:INVITER]-(:Invitation) })
    AND NOT EXISTS {
      MATCH (invitee)<-[:INVITEE]-(j:Invitation)-[:INVITER]->(jInviter:Person)
      WHERE j.status IN ['ACCEPTED', 'CONVERTED']
        AND (j.sentAt < i.sentAt OR (j.sentAt = i.sentAt AND j.id < i.id))
        AND ($campaign = '' OR j.campaign = $campaign)
        AND ($channel = '' OR j.channel = $channel)
        AND ($advisorId = '' OR j.advisorId = $advisorId)
        AND (NOT $isWithoutCampaign OR j.campaign IS NULL)
        AND (NOT $isWithoutAdvisor OR j.advisorId IS NULL)
        AND j.sentAt >= $from AND j.sentAt < $hi
        AND ($generation = 'ALL' OR EXISTS { (jInviter)<-[:REFERRED]-(:Person) } = ($generation = 'SECOND'))
    }
  END
WITH i, inviter, invitee, CASE WHEN $metric = 'PARTICIPANTS' THEN inviter ELSE invitee END AS person
LIMIT toInteger($limit)
WITH i, inviter, invitee, person, coalesce(person, inviter) AS owner
OPTIONAL MATCH (owner)-[:MEMBER_OF]->(h:Household)
RETURN i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
          .premium, .sameHousehold, .policyNo, inviterOneId: inviter.oneId, inviteeOneId: invitee.oneId} AS invitation,
       person.oneId AS personOneId, h.advisorId AS advisorId
ORDER BY i.sentAt, i.id
