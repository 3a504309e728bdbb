-- Done marks survive a correction.
--
-- Follow-ups of approved or signed meetings that are marked done afterwards are kept in
-- follow_up_done (0005), beside the minutes as approved. A correction re-opens the minutes and
-- rewrites item_follow_ups, and the marks went with the old rows (ON DELETE CASCADE). Now,
-- when a meeting leaves approved/signed, its marks move into the minutes' own `done` column
-- (the corrected version records them), so saving the correction keeps them.

CREATE TRIGGER follow_up_done_reopened AFTER UPDATE OF status ON meetings
WHEN OLD.status IN ('approved', 'signed') AND NEW.status NOT IN ('approved', 'signed')
BEGIN
    UPDATE item_follow_ups SET done = (
        SELECT d.done FROM follow_up_done d
        WHERE d.item_id = item_follow_ups.item_id AND d.position = item_follow_ups.position)
    WHERE done IS NULL
      AND item_id IN (SELECT id FROM items WHERE meeting_id = NEW.id)
      AND EXISTS (SELECT 1 FROM follow_up_done d
                  WHERE d.item_id = item_follow_ups.item_id
                    AND d.position = item_follow_ups.position);
    DELETE FROM follow_up_done
    WHERE item_id IN (SELECT id FROM items WHERE meeting_id = NEW.id);
END;
