// The referral programme's dashboard (issue 14): campaigns, their cost entries and advisors'
// targets are keyed records; breakdowns and drill-downs read invitations through the
// per-field indexes of 001 and the composite ones below (a campaign's or an advisor's
// invitations in sentAt order: drill-down pages and period rows without a sort of the whole set).
CREATE CONSTRAINT campaign_id IF NOT EXISTS FOR (c:Campaign) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT campaign_cost_id IF NOT EXISTS FOR (c:CampaignCost) REQUIRE c.id IS UNIQUE;
CREATE INDEX campaign_cost_campaign IF NOT EXISTS FOR (c:CampaignCost) ON (c.campaign, c.spentAt);
CREATE CONSTRAINT referral_target_key IF NOT EXISTS FOR (t:ReferralTarget) REQUIRE t.key IS UNIQUE;
CREATE INDEX referral_target_campaign IF NOT EXISTS FOR (t:ReferralTarget) ON (t.campaign);
CREATE INDEX invitation_campaign_sent IF NOT EXISTS FOR (i:Invitation) ON (i.campaign, i.sentAt);
CREATE INDEX invitation_advisor_sent IF NOT EXISTS FOR (i:Invitation) ON (i.advisorId, i.sentAt);
CREATE INDEX invitation_channel_sent IF NOT EXISTS FOR (i:Invitation) ON (i.channel, i.sentAt);
