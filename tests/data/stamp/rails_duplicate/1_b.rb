class B < ActiveRecord::Migration[6.1]
end
