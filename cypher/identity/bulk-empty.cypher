// True when the database holds no identity at all (a bulk load then skips the overlap check).
RETURN NOT (EXISTS { MATCH (:Identifier) } OR EXISTS { MATCH (:ErasedIdentifier) } OR EXISTS { MATCH (:IdentityEvent) }) AS empty
